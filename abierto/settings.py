"""Settings, read from the environment and closed by default.

Outside development (DJANGO_DEBUG unset) a secret key must be given and DEBUG is off.
SQLite is the default database; PostgreSQL is used when DATABASE_URL is set.
"""

import json
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-never-use-in-production"
    else:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (or DJANGO_DEBUG=1 for local development).")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "abierto.core",
    "abierto.accounts",
    "abierto.audit",
    "abierto.institutions",
    "abierto.plans",
    "abierto.assessments",
    "abierto.monitoring",
    "abierto.search",
    "abierto.notifications",
    "abierto.jobs",
    "abierto.forum",
    "abierto.cocreation",
    "abierto.evaluation",
    "abierto.consultation",
    "abierto.selfassessments",
    "abierto.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "abierto.core.middleware.ChosenLanguageMiddleware",
    "abierto.core.middleware.RefuseNulMiddleware",
    # Anonymous public pages from the cache (abierto/core/pagecache.py); everything else passes through.
    "abierto.core.pagecache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "abierto.accounts.middleware.AdminLoginThroughAccountsMiddleware",
    "abierto.accounts.middleware.StaffSecondFactorMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Object permissions (each app's rules.py), then passwords and email logins.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "abierto.urls"
WSGI_APPLICATION = "abierto.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "abierto" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "abierto.core.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    SQLITE_PATH = Path(os.environ.get("ABIERTO_SQLITE_PATH", BASE_DIR / "var" / "abierto.sqlite3"))
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # WAL lets readers and one writer work at once; IMMEDIATE takes the write
                # lock at the start of a transaction so concurrent writers queue instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
            # Each app process keeps its connection (and its page cache) instead of opening the file and running
            # the pragmas on every request.
            "CONN_MAX_AGE": None,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if TESTING:
    # Personas are created by the hundred in truth-table tests; a slow hash only slows the suite.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Spanish first (Chile), English second. Source strings in templates are Spanish: the
# primary language must never fall back to another; English lives in locale/en.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "abierto" / "locale"]
FORMAT_MODULE_PATH = ["abierto.formats"]
TIME_ZONE = os.environ.get("ABIERTO_TIME_ZONE", "America/Santiago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "abierto" / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("ABIERTO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploaded files (evidence of the registry and of progress reports) go to the default storage: local
# files under MEDIA_ROOT, or an S3-compatible bucket (AWS S3, MinIO, ...) when ABIERTO_S3_BUCKET is set.
# The bucket is private: objects are written with a private ACL, never overwritten, and links to them
# are signed and expire after ABIERTO_S3_URL_EXPIRY seconds. Progress-report files are served through
# /seguimiento/archivos/<id>/, which reads them from the storage after checking who may see them.
ABIERTO_S3_BUCKET = os.environ.get("ABIERTO_S3_BUCKET", "")
if ABIERTO_S3_BUCKET:
    _s3_options = {
        "bucket_name": ABIERTO_S3_BUCKET,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": int(os.environ.get("ABIERTO_S3_URL_EXPIRY", "300")),
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    for _option, _variable in [
        ("endpoint_url", "ABIERTO_S3_ENDPOINT_URL"),
        ("region_name", "ABIERTO_S3_REGION"),
        ("access_key", "ABIERTO_S3_ACCESS_KEY_ID"),
        ("secret_key", "ABIERTO_S3_SECRET_ACCESS_KEY"),
        ("custom_domain", "ABIERTO_S3_CUSTOM_DOMAIN"),
        ("addressing_style", "ABIERTO_S3_ADDRESSING_STYLE"),
    ]:
        if os.environ.get(_variable):
            _s3_options[_option] = os.environ[_variable]
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# ---------------------------------------------------------------- accounts (django-allauth)
LOGIN_URL = "/cuentas/ingresar/"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Abierto] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if (DEBUG or TESTING) else "https"
ACCOUNT_RATE_LIMITS = {} if TESTING else {"login_failed": "10/m/ip,5/5m/key"}
# People are shown by name or email, never by the username Django keeps internally.
ACCOUNT_USER_DISPLAY = "abierto.accounts.display.user_display"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("ABIERTO_SITE_NAME", "Abierto")
# Staff accounts (secretariat, implementers, evaluators) must have a second factor when this is on.
ABIERTO_REQUIRE_STAFF_MFA = env_bool("ABIERTO_REQUIRE_STAFF_MFA", not (DEBUG or TESTING))
# Days an invitation link stays valid.
ABIERTO_INVITATION_DAYS = int(os.environ.get("ABIERTO_INVITATION_DAYS", "14"))

# Login through an OpenID Connect provider (Chile's ClaveÚnica, or any other), set by environment.
# ABIERTO_OIDC is read on every request by abierto.accounts.adapter.SocialAccountAdapter, so tests
# (and deployments that prefer Python settings) may set it directly; docs/accounts.md lists the keys.
SOCIALACCOUNT_ADAPTER = "abierto.accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}
ABIERTO_OIDC = None
if os.environ.get("ABIERTO_OIDC_SERVER_URL"):
    ABIERTO_OIDC = {
        "provider_id": os.environ.get("ABIERTO_OIDC_PROVIDER_ID", "claveunica"),
        "name": os.environ.get("ABIERTO_OIDC_NAME", "ClaveÚnica"),
        "client_id": os.environ.get("ABIERTO_OIDC_CLIENT_ID", ""),
        "secret": os.environ.get("ABIERTO_OIDC_CLIENT_SECRET", ""),
        "server_url": os.environ["ABIERTO_OIDC_SERVER_URL"],
        "token_auth_method": os.environ.get("ABIERTO_OIDC_TOKEN_AUTH_METHOD", "client_secret_basic"),
        "scope": env_list("ABIERTO_OIDC_SCOPES", "openid,email,profile"),
        "pkce": env_bool("ABIERTO_OIDC_PKCE", True),
    }

# ---------------------------------------------------------------- email
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Abierto <no-responder@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Development needs no mail server: messages are printed on the console.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Cache: Redis when REDIS_URL is set (shared by every app server: page cache, rate limits), process memory
# otherwise. Anonymous public pages are cached for ABIERTO_PAGE_CACHE_SECONDS (0 turns the page cache off) and
# dropped as soon as the public data changes.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("ABIERTO_CACHE_PREFIX", "abierto"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "abierto"}}
# How many reverse proxies (nginx, a load balancer) stand in front of the app servers: the visitor's address for
# the rate limits is then read from X-Forwarded-For. 0 (the default) uses the connection's address.
ABIERTO_TRUSTED_PROXIES = int(os.environ.get("ABIERTO_TRUSTED_PROXIES", "0"))
# Co-creation rate limits, as JSON {action: [per account, per address, window seconds]}, e.g.
# {"support": [30, 300, 600]}; the defaults are in abierto/cocreation/ratelimit.py.
if os.environ.get("ABIERTO_COCREATION_RATES"):
    ABIERTO_COCREATION_RATES = {
        action: tuple(int(n) for n in limits)
        for action, limits in json.loads(os.environ["ABIERTO_COCREATION_RATES"]).items()
    }
ABIERTO_PAGE_CACHE_SECONDS = int(os.environ.get("ABIERTO_PAGE_CACHE_SECONDS", "0" if TESTING else "120"))
# Each co-creation process with its stages is kept this many seconds in the cache (abierto/cocreation/
# processcache.py), dropped as soon as a process, a stage or a plan changes; 0 turns it off.
ABIERTO_PROCESS_CACHE_SECONDS = int(os.environ.get("ABIERTO_PROCESS_CACHE_SECONDS", "0" if TESTING else "60"))
# Sessions are read from the cache and written through to the database when the cache is shared (Redis): a
# signed-in request then needs no session query. The per-process memory cache is not shared between app servers
# (a sign-out in one would not reach the others), so without Redis sessions stay in the database alone.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# The site's home government (its plans lead the home page). Other members' plans are browsable.
ABIERTO_HOME_GOVERNMENT = os.environ.get("ABIERTO_HOME_GOVERNMENT", "CHL")
ABIERTO_SITE_NAME = os.environ.get("ABIERTO_SITE_NAME", "Estado Abierto Chile")
# Who publishes the open data (the DCAT catalogue's publisher).
ABIERTO_PUBLISHER = os.environ.get(
    "ABIERTO_PUBLISHER",
    "Comisión para la Integridad Pública y Transparencia, Ministerio Secretaría General de la Presidencia",
)
# Evidence files larger than this are refused.
ABIERTO_MAX_UPLOAD_BYTES = int(os.environ.get("ABIERTO_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# ---------------------------------------------------------------- jobs and notifications
# The database is the job queue (abierto.jobs, docs/jobs.md): `manage.py run_worker` runs them.
ABIERTO_JOBS_LEASE_SECONDS = int(os.environ.get("ABIERTO_JOBS_LEASE_SECONDS", "300"))
ABIERTO_JOBS_MAX_ATTEMPTS = int(os.environ.get("ABIERTO_JOBS_MAX_ATTEMPTS", "5"))
ABIERTO_JOBS_RETRY_BASE_SECONDS = int(os.environ.get("ABIERTO_JOBS_RETRY_BASE_SECONDS", "30"))
ABIERTO_JOBS_RETRY_MAX_SECONDS = int(os.environ.get("ABIERTO_JOBS_RETRY_MAX_SECONDS", "3600"))
# Extra modules declaring tasks, beyond each app's `tasks` module.
ABIERTO_JOB_MODULES = env_list("ABIERTO_JOB_MODULES")
# Links in emails are absolute: the public address of the site, without a trailing slash.
ABIERTO_SITE_URL = os.environ.get("ABIERTO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Reporting-period deadline reminders go out this many days before each deadline.
ABIERTO_REMINDER_DAYS = [int(day) for day in env_list("ABIERTO_REMINDER_DAYS", "7,1")]
if TESTING and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests run on a database file (one per test run), not in memory, so a worker process and
    # several connections can share it.
    import tempfile

    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
        Path(tempfile.gettempdir()) / f"abierto-test-{os.getpid()}.sqlite3"
    )

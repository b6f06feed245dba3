"""django-allauth adapters: the OpenID Connect provider comes from ``settings.ABIERTO_OIDC``.

``ABIERTO_OIDC`` is a dict (settings.py fills it from the ``ABIERTO_OIDC_*`` environment
variables); it is read on each call, so a test can point it at a provider it has just started.
"""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

OIDC_PROVIDER = "openid_connect"


def oidc_app_from_settings():
    """The SocialApp described by ``settings.ABIERTO_OIDC``, or None when it is not set."""
    from allauth.socialaccount.models import SocialApp

    config = getattr(settings, "ABIERTO_OIDC", None)
    if not config or not config.get("server_url"):
        return None
    app_settings = {
        "server_url": config["server_url"],
        "token_auth_method": config.get("token_auth_method", "client_secret_basic"),
        "oauth_pkce_enabled": bool(config.get("pkce", True)),
    }
    if config.get("scope"):
        app_settings["scope"] = list(config["scope"])
    return SocialApp(
        provider=OIDC_PROVIDER,
        provider_id=config.get("provider_id", "claveunica"),
        name=config.get("name", "ClaveÚnica"),
        client_id=config.get("client_id", ""),
        secret=config.get("secret", ""),
        settings=app_settings,
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        app = oidc_app_from_settings()
        if app is None:
            return apps
        if provider and provider not in (app.provider, app.provider_id):
            return apps
        if client_id and client_id != app.client_id:
            return apps
        return [*apps, app]

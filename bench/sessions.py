"""Signed-in people for the write benchmarks: a session per person, written in bulk (inside Django).

Each session holds what ``django.contrib.auth.login`` leaves in one (the user, the password backend, the hash that
a password change invalidates). Rows go to the database in one statement per 2,000; when sessions are read from
the cache (``cached_db``, with Redis) they are put there too, as a sign-in leaves them.
"""

import datetime


def sign_in(people: list[tuple[int, str]], *, days: int = 1) -> list[str]:
    """A new session key for each (user id, password hash), in the same order."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    User = get_user_model()
    backend = "django.contrib.auth.backends.ModelBackend"
    expires = timezone.now() + datetime.timedelta(days=days)
    rows, data_by_key = [], {}
    for pk, password in people:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: User(pk=pk, password=password).get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=SessionStore().encode(data), expire_date=expires))
        data_by_key[key] = data
    Session.objects.bulk_create(rows, batch_size=2000)
    if settings.SESSION_ENGINE.endswith("cached_db"):
        from django.contrib.sessions.backends.cached_db import KEY_PREFIX
        from django.core.cache import caches

        caches[settings.SESSION_CACHE_ALIAS].set_many(
            {KEY_PREFIX + key: data for key, data in data_by_key.items()}, days * 86400
        )
    return list(data_by_key)

"""Rate limits on proposals, supports and comments, per account and per IP address (Django's cache).

Fixed windows: the first hit of a window creates a counter that expires with the window. Limits are
``ABIERTO_COCREATION_RATES`` ({action: (per account, per address, window in seconds)}) or the defaults
below; the per-address limit is higher because many people share one address (a school, a NAT).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

DEFAULT_RATES: dict[str, tuple[int, int, int]] = {
    "proposal": (5, 30, 3600),
    "support": (30, 300, 600),
    "comment": (10, 60, 600),
    "similar": (120, 600, 600),  # lookups while a person writes (one every few keystrokes)
}


class RateLimited(Exception):
    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        super().__init__(
            _(
                "Ha hecho muchos envíos seguidos. Por seguridad, espere %(minutes)s minutos y vuelva a intentarlo: "
                "lo que escribió sigue en el formulario."
            )
            % {"minutes": minutes}
        )


def _rates(action: str) -> tuple[int, int, int]:
    return getattr(settings, "ABIERTO_COCREATION_RATES", {}).get(action, DEFAULT_RATES[action])


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one hit on ``key``; False when the limit was already reached."""
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit


def client_ip(request) -> str:
    """The visitor's address. Behind ``ABIERTO_TRUSTED_PROXIES`` reverse proxies (nginx, a load balancer), each
    of which appends the address it received the request from to X-Forwarded-For, that is the entry that many
    places from the end: entries further left were written by the client and can be forged."""
    proxies = int(getattr(settings, "ABIERTO_TRUSTED_PROXIES", 0))
    if proxies > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _redis_client():
    """The Redis client behind the default cache, or None for another backend."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    return backend._cache.get_client(write=True) if isinstance(backend, RedisCache) else None


def _hit_all(limits: list[tuple[str, int]], window: int) -> bool:
    """Count one hit on each (key, limit); False when any limit was already reached. On Redis, every counter in
    one round trip (SET NX with the window's expiry, then INCR); elsewhere through the cache API."""
    client = _redis_client()
    if client is None:
        return all([_hit(key, limit, window) for key, limit in limits])  # a list: every counter counts the hit
    pipe = client.pipeline(transaction=False)
    for key, _limit in limits:
        full = cache.make_and_validate_key(key)
        pipe.set(full, 0, ex=window, nx=True)
        pipe.incr(full)
    counts = pipe.execute()[1::2]
    return all(count <= limit for count, (_key, limit) in zip(counts, limits, strict=True))


def check(action: str, *, user, ip: str) -> None:
    """Count one ``action`` by ``user`` from ``ip``; raise RateLimited when either limit is exceeded."""
    per_user, per_ip, window = _rates(action)
    limits = [(f"cocreation:rate:{action}:ip:{ip}", per_ip)]
    if user.pk:
        limits.insert(0, (f"cocreation:rate:{action}:user:{user.pk}", per_user))
    if not _hit_all(limits, window):
        raise RateLimited(max(1, window // 60))

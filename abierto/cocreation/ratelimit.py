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


def check(action: str, *, user, ip: str) -> None:
    """Count one ``action`` by ``user`` from ``ip``; raise RateLimited when either limit is exceeded."""
    per_user, per_ip, window = _rates(action)
    user_ok = _hit(f"cocreation:rate:{action}:user:{user.pk}", per_user, window) if user.pk else True
    ip_ok = _hit(f"cocreation:rate:{action}:ip:{ip}", per_ip, window)
    if not (user_ok and ip_ok):
        raise RateLimited(max(1, window // 60))

"""On Redis (as deployed, REDIS_URL) the rate limits count both counters of a request in one round trip, with the
same arithmetic as on the memory cache: the limit is reached at the same hit, each counter expires with its
window, and a counter written by the cache API is counted on by the pipeline."""

import socket
import uuid

import pytest
from django.core.cache import cache

from abierto.cocreation import ratelimit


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379 (started with the machine)")


class Person:
    def __init__(self, pk):
        self.pk = pk


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # never meets another run's keys
        }
    }
    assert ratelimit._redis_client() is not None
    yield cache
    cache.clear()


def _hits_until_refused(person, ip, limit_per_account, limit_per_ip, settings) -> int:
    settings.ABIERTO_COCREATION_RATES = {"support": (limit_per_account, limit_per_ip, 600)}
    for n in range(1, 50):
        try:
            ratelimit.check("support", user=person, ip=ip)
        except ratelimit.RateLimited as refused:
            assert refused.minutes == 10
            return n
    raise AssertionError("never refused")


@pytest.mark.parametrize(("per_account", "per_ip", "refused_at"), [(3, 100, 4), (100, 2, 3), (1, 1, 2)])
def test_redis_and_memory_refuse_at_the_same_hit(redis_cache, settings, per_account, per_ip, refused_at):
    assert _hits_until_refused(Person(7), "203.0.113.9", per_account, per_ip, settings) == refused_at
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "m"}}
    assert ratelimit._redis_client() is None
    assert _hits_until_refused(Person(7), "203.0.113.9", per_account, per_ip, settings) == refused_at


def test_each_counter_expires_with_its_window(redis_cache, settings):
    settings.ABIERTO_COCREATION_RATES = {"support": (5, 50, 600)}
    ratelimit.check("support", user=Person(8), ip="198.51.100.4")
    client = ratelimit._redis_client()
    for key in ("cocreation:rate:support:user:8", "cocreation:rate:support:ip:198.51.100.4"):
        full = cache.make_and_validate_key(key)
        assert 590 <= client.ttl(full) <= 600
        assert cache.get(key) == 1  # readable through the cache API too


def test_the_pipeline_counts_on_from_a_counter_the_cache_api_started(redis_cache, settings):
    settings.ABIERTO_COCREATION_RATES = {"support": (3, 100, 600)}
    cache.add("cocreation:rate:support:user:9", 2, timeout=600)
    ratelimit.check("support", user=Person(9), ip="192.0.2.1")  # the third
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check("support", user=Person(9), ip="192.0.2.1")
    assert cache.get("cocreation:rate:support:user:9") == 4


def test_an_anonymous_visitor_is_counted_by_address_alone(redis_cache, settings):
    settings.ABIERTO_COCREATION_RATES = {"similar": (1, 2, 600)}
    anonymous = Person(None)
    ratelimit.check("similar", user=anonymous, ip="192.0.2.50")
    ratelimit.check("similar", user=anonymous, ip="192.0.2.50")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check("similar", user=anonymous, ip="192.0.2.50")

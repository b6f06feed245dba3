"""/salud/ tells a load balancer whether this server can serve: database, cache and the job backlog."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from abierto.jobs import services as jobs

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_healthy_server_reports_its_checks_and_the_backlog(client):
    jobs.enqueue("notifications.queue_daily_digests", {}, run_at=timezone.now() - datetime.timedelta(minutes=5))
    jobs.enqueue("notifications.queue_daily_digests", {}, run_at=timezone.now() + datetime.timedelta(hours=1))
    response = client.get("/salud/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"] == {"ok": True}
    assert body["checks"]["jobs"] == {"due": 1, "oldest_due_seconds": 300, "failed": 0}


def test_a_broken_cache_makes_the_server_unhealthy(client, settings):
    # Django resets its cache connections when CACHES changes: this one points at a closed port.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/salud/")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True

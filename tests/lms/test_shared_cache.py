"""The shared cache (CACHE_URL=redis://…, decision 0902): two app servers see one state.

This process is one app server; a second Python process with the same CACHE_URL is the other.
The other's database is an empty file, so whatever it finds it found in Redis.
"""

import json
import os
import subprocess
import sys

import environ
import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.test import RequestFactory

from certificates import ratelimit
from lms.cache import RedisCache
from lms.settings.operations import cache_settings, session_engine
from tests.redis_server import cache_settings as redis_cache_settings

pytestmark = pytest.mark.django_db

REDIS_CACHE = "lms.cache.RedisCache"
WINDOW = 86_400  # one window for the whole test: it cannot roll over between the two servers
ADDRESS = "203.0.113.7"

OTHER_SERVER = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import RequestFactory
from certificates import ratelimit
settings.CERTIFICATE_VERIFY_WINDOW = int(sys.argv[1])
lookup = RequestFactory().get("/verify/", REMOTE_ADDR=sys.argv[2])
elsewhere = RequestFactory().get("/verify/", REMOTE_ADDR="198.51.100.1")
print(json.dumps({
    "session_engine": settings.SESSION_ENGINE,
    "same_address_allowed": ratelimit.hit(lookup),
    "other_address_allowed": ratelimit.hit(elsewhere),
    "session": dict(SessionStore(sys.argv[3]).load()),
}))
"""


def other_server(cache_url: str, tmp_path, *args: str) -> dict:
    empty_database = tmp_path / "empty.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "CACHE_URL": cache_url,
        "DATABASE_URL": f"sqlite:///{empty_database}",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", OTHER_SERVER, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_two_app_servers_share_rate_limits_and_sessions(redis_cache, settings, tmp_path):
    settings.CERTIFICATE_VERIFY_WINDOW = WINDOW
    lookup = RequestFactory().get("/verify/", REMOTE_ADDR=ADDRESS)
    assert all(ratelimit.hit(lookup) for _ in range(30))  # this server's 30 lookups
    session = SessionStore()
    session["signed_in_as"] = "zhang.wei"
    session.save()

    other = other_server(redis_cache.url, tmp_path, str(WINDOW), ADDRESS, session.session_key)

    assert other["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert other["same_address_allowed"] is False  # the 31st lookup, made on the other server
    assert other["other_address_allowed"] is True
    assert other["session"] == {"signed_in_as": "zhang.wei"}
    assert ratelimit.hit(lookup) is False  # and this server sees the other's count


def test_a_redis_cache_url_selects_djangos_redis_cache_and_cached_sessions(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    caches = cache_settings(environ.Env(), default="locmemcache://")
    assert caches["default"]["BACKEND"] == REDIS_CACHE
    assert issubclass(RedisCache, DjangoRedisCache)
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert caches["default"]["OPTIONS"] == {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
    assert caches["fallback"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert session_engine(caches) == "django.contrib.sessions.backends.cached_db"


def test_with_redis_down_pages_keep_working_on_the_fallback_cache(
    client, settings, stopped_redis_url, learner, password
):
    settings.CACHES = redis_cache_settings(stopped_redis_url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    response = client.post("/accounts/login/", {"username": learner.username, "password": password})
    assert response.status_code == 302
    assert client.get("/dashboard/learner/").status_code == 200  # signed in: the session holds
    assert client.get("/verify/").status_code == 200  # rate-limited, counted in the fallback
    assert client.get("/zh-hans/learn/").status_code == 200  # Wagtail's cached site roots
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["cache"] == "failed: ConnectionError"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("dbcache://lms_cache", "django.core.cache.backends.db.DatabaseCache"),
        ("locmemcache://", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_without_redis_sessions_stay_in_the_database(monkeypatch, url, backend):
    monkeypatch.setenv("CACHE_URL", url)
    caches = cache_settings(environ.Env(), default="locmemcache://")
    assert caches["default"]["BACKEND"] == backend
    assert session_engine(caches) == "django.contrib.sessions.backends.db"

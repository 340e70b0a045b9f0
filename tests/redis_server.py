"""A real Redis server (Debian's redis-server, started by scripts/redis.sh) for the cache tests.

``redis_server`` starts one per test session (per xdist worker: its own folder and free
loopback port) and stops it at the end; ``redis_cache`` points Django's cache at it, as
``CACHE_URL=redis://…`` does, with sessions in ``cached_db``, and empties it around each test.
``stopped_redis_url`` is the address of a Redis that was started and stopped again: a real
server that is down.
"""

from __future__ import annotations

import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "redis.sh"
REDIS_CACHE = "lms.cache.RedisCache"  # Django's, with the fallback of CACHE_URL=redis://…


@dataclass(frozen=True)
class RedisServer:
    url: str
    folder: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(folder: Path) -> RedisServer:
    result = subprocess.run(  # noqa: S603
        [str(SCRIPT), "start", str(folder), str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return RedisServer(url=result.stdout.strip().splitlines()[-1], folder=folder)


def stop(server: RedisServer) -> None:
    subprocess.run([str(SCRIPT), "stop", str(server.folder)], timeout=30, check=False)  # noqa: S603


def cache_settings(url: str) -> dict:
    """CACHES as ``CACHE_URL=<url>`` makes them (lms.settings.operations), with a local-memory
    fallback as ``make run`` has."""
    return {
        "default": {
            "BACKEND": REDIS_CACHE,
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1.0, "socket_timeout": 1.0},
        },
        "fallback": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = start(tmp_path_factory.mktemp("redis"))
    yield server
    stop(server)


@pytest.fixture
def redis_cache(settings, redis_server):
    settings.CACHES = cache_settings(redis_server.url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache.clear()
    yield redis_server
    cache.clear()


@pytest.fixture
def stopped_redis_url(tmp_path):
    server = start(tmp_path / "redis")
    stop(server)
    return server.url

"""What ``/healthz`` checks: the database, the cache and file storage, each ``"ok"`` or a short
reason it failed (the kind of error, never an address or a password).

Each check is one cheap round trip: ``SELECT 1``; writing and reading back one small cache key
(every app server writes the same key, so the cache does not grow); and asking the storages
whether a file exists, which needs the store to answer (a HEAD request on S3, a ``stat`` on local
disk). Only the Storage API is used, so local disk and S3 storages are checked alike.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection

logger = logging.getLogger(__name__)

CACHE_KEY = "lms:healthz"
# A name no file has: the question is whether the store answers, not what it holds.
STORAGE_PROBE = "healthz-probe"
# The storages that hold uploaded and generated files (not the static files, which ship with
# the code).
FILE_STORAGES = ("default", "private")


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    token = uuid.uuid4().hex
    cache.set(CACHE_KEY, token, timeout=30)
    if cache.get(CACHE_KEY) != token:
        raise LookupError("the value written was not read back")
    if getattr(cache, "degraded", False):  # lms.cache.RedisCache: the fallback answered
        raise ConnectionError("Redis does not answer; the fallback cache serves meanwhile")


def check_storage() -> None:
    for alias in FILE_STORAGES:
        storages[alias].exists(STORAGE_PROBE)


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def failure(exc: Exception) -> str:
    """A short reason: the exception's kind, e.g. ``"failed: ConnectionError"``. Messages are
    left out: a driver's message can hold a host name or a user name."""
    return f"failed: {type(exc).__name__}"


def health() -> dict[str, str]:
    """``{"database": "ok", "cache": "ok", "storage": "ok"}``, a failed part with its reason.
    Failures are logged with their full message for the operator."""
    report = {}
    for part, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure of a part is that part's answer
            logger.warning("Health check: %s failed: %s: %s", part, type(exc).__name__, exc)
            report[part] = failure(exc)
        else:
            report[part] = "ok"
    return report

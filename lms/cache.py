"""Django's Redis cache, which hands over to the database cache while Redis does not answer.

Sessions, rate limits and Wagtail's own lookups all read the cache on ordinary requests: with
Redis down, every page would fail. ``RedisCache`` is Django's
``django.core.cache.backends.redis.RedisCache`` with one change: an operation that fails to
reach Redis (a connection refused or timed out) is done by the cache named
``CACHE_FALLBACK_ALIAS`` instead (the database cache in production), and for
``RETRY_AFTER`` seconds after that every operation goes there directly, so requests do not each
wait for a dead server. Then Redis is tried again. ``degraded`` tells ``/healthz``, which
answers 503 naming the cache meanwhile (decision 0902).

What was in Redis is not in the fallback: sessions are ``cached_db`` (the database has them),
and rate-limit counts start again from zero in the fallback.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
OPERATIONS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


# Until when each Redis server (by its address) is left alone, for every cache object of this
# process (Django makes one per thread).
_down_until: dict[tuple[str, ...], float] = {}


class RedisCache(DjangoRedisCache):
    @property
    def degraded(self) -> bool:
        """True while operations go to the fallback cache."""
        return time.monotonic() < _down_until.get(tuple(self._servers), 0.0)

    def _fallback(self):
        return caches[settings.CACHE_FALLBACK_ALIAS]


def _with_fallback(name: str):
    redis_operation = getattr(DjangoRedisCache, name)

    def operation(self, *args, **kwargs):
        if not self.degraded:
            try:
                return redis_operation(self, *args, **kwargs)
            except UNREACHABLE as exc:
                logger.error(
                    "Redis cache unreachable (%s: %s); the %r cache serves for %s s",
                    type(exc).__name__,
                    exc,
                    settings.CACHE_FALLBACK_ALIAS,
                    RETRY_AFTER,
                )
                _down_until[tuple(self._servers)] = time.monotonic() + RETRY_AFTER
        return getattr(self._fallback(), name)(*args, **kwargs)

    operation.__name__ = name
    operation.__doc__ = redis_operation.__doc__
    return operation


for _name in OPERATIONS:
    setattr(RedisCache, _name, _with_fallback(_name))

"""A fixed-window rate limit per client address, kept in Django's cache.

The verification pages are public: the limit keeps anyone from walking through codes or
serials. The address is the client's, also behind the production proxy (``lms.client_ip``,
``PROXY_COUNT``); the cache must be shared between processes (``CACHE_URL``) for the limit to
hold per site rather than per process (docs/decisions/0600).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from lms.client_ip import client_ip

DEFAULT_LIMIT = 30  # lookups per address
DEFAULT_WINDOW = 60  # seconds


def limits() -> tuple[int, int]:
    return (
        getattr(settings, "CERTIFICATE_VERIFY_LIMIT", DEFAULT_LIMIT),
        getattr(settings, "CERTIFICATE_VERIFY_WINDOW", DEFAULT_WINDOW),
    )


def client_address(request) -> str:
    return client_ip(request) or "unknown"


def hit(request, scope: str = "verify") -> bool:
    """Count one lookup of this address; False when it is over the limit for this window."""
    limit, window = limits()
    key = f"ratelimit:{scope}:{client_address(request)}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return True
    return count <= limit

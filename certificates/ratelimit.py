"""A fixed-window rate limit per client address, kept in Django's cache.

The verification pages are public: the limit keeps anyone from walking through codes or
serials. Behind the production proxy REMOTE_ADDR is the client's address as the proxy passes
it on (see docs/decisions/0600-certificate-verification.md).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 30  # lookups per address
DEFAULT_WINDOW = 60  # seconds


def limits() -> tuple[int, int]:
    return (
        getattr(settings, "CERTIFICATE_VERIFY_LIMIT", DEFAULT_LIMIT),
        getattr(settings, "CERTIFICATE_VERIFY_WINDOW", DEFAULT_WINDOW),
    )


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


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

"""The address of the client that sent a request, for login lockouts and rate limits.

Without a reverse proxy it is ``REMOTE_ADDR``. Behind ``PROXY_COUNT`` trusted proxies, each of
which appends the address it received the request from to ``X-Forwarded-For``, it is the entry
the outermost proxy appended: the ``PROXY_COUNT``-th from the right. Entries further left come
from the client and can say anything, so they are never used (docs/decisions/0005).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's IP address as text, or None when the request carries none we can trust."""
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        candidate = chain[-proxies] if len(chain) >= proxies else None
    else:
        candidate = request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(_without_port((candidate or "").strip())))
    except ValueError:
        return None


def _without_port(address: str) -> str:
    """``203.0.113.9:5123`` and ``[2001:db8::1]:443`` (some load balancers append the client's
    port) without the port; a bare address as it is."""
    if address.startswith("["):
        return address[1:].partition("]")[0]
    if address.count(":") == 1:
        return address.partition(":")[0]
    return address

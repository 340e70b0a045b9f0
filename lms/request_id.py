"""The id of each request, in its response and in every log line written while it runs.

``RequestIdMiddleware`` takes the id nginx sends in ``X-Request-ID`` (``$request_id``,
docs/deployment.md) when it looks like one, else makes one, and answers with it in the same
header; ``RequestIdFilter`` puts it on every log record as ``request_id`` ("-" outside a
request). The id lives in a context variable, so threads and async tasks keep theirs apart.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; a UUID or another proxy's token also passes. Anything
# else (too long, spaces, quotes, line breaks) is replaced: it would end up in every log line.
VALID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

current: ContextVar[str] = ContextVar("request_id", default="-")


def request_id_from(header: str | None) -> str:
    """The proxy's id when it is a plain token, else a new one (32 hex digits, as nginx's)."""
    if header and VALID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.headers.get(HEADER))
        token = current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to each record (set on a handler, it covers every logger)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get()
        return True

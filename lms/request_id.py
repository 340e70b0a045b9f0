"""The id of each request, in its response and in every log line written while it runs.

The id is the one nginx sends in ``X-Request-ID`` (``$request_id``, docs/deployment.md) when it
looks like one, else a new one. It is chosen when Django's handler starts the request
(``request_started``), so that the lines Django itself writes after the middleware have run
("Service Unavailable: /healthz") carry it too, and forgotten when the response is closed
(``request_finished``). ``RequestIdMiddleware`` answers with it in the same header;
``RequestIdFilter`` puts it on every log record as ``request_id`` ("-" outside a request). It
lives in a context variable, so threads and async tasks keep theirs apart.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.dispatch import receiver

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


@receiver(request_started)
def start_request(sender, environ=None, **kwargs):
    current.set(request_id_from((environ or {}).get("HTTP_X_REQUEST_ID")))


@receiver(request_finished)
def finish_request(sender, **kwargs):
    current.set("-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = current.get()
        if request.request_id == "-":  # a handler that sent no request_started with its environ
            request.request_id = request_id_from(request.headers.get(HEADER))
            current.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to each record (set on a handler, it covers every logger)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get()
        return True

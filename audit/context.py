"""The request being answered, for decisions taken where no request is passed down: a person's
groups changed in Wagtail's own Users and Groups screens reach the trail through Django's
``m2m_changed`` signal, which knows nothing of the request (as django-auditlog's middleware
sets its actor). ``CurrentRequestMiddleware`` sets it after authentication; outside a request
(a command, a task) it is ``None``."""

from __future__ import annotations

from contextvars import ContextVar

_current: ContextVar = ContextVar("audit_request", default=None)


def current_request():
    return _current.get()


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)

"""Shared pieces of views: what a POST-only page answers to a GET.

A form posts to its own URL and the browser lands on the page the view redirects to; a refresh,
a bookmark or a pasted link then GETs the POST-only URL. ``post_only`` sends that GET back to the
page that holds the form, with a message saying what to do, instead of an empty 405
(docs/decisions/0104-no-dead-ends.md). Endpoints that scripts call (autosaves, the metrics API,
the JSON verification) keep ``require_POST`` and its 405.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext_lazy as _

DEFAULT_MESSAGE = _("That address only takes a form. Use the form on this page.")


def post_only(*, redirect_to: str | Callable[..., str], message=DEFAULT_MESSAGE):
    """Accept POST as the view does; send a GET to the form's page with ``message`` (a HEAD
    gets the same redirect without the message).

    ``redirect_to`` is a URL name without arguments, or a callable taken with the view's
    ``request`` and URL arguments that returns the form page's URL (or a pair of that URL and a
    message fitting the object's state, to say instead of ``message``). That callable runs the same
    checks the view does before it (the object belongs to the user, the user may act on it) and
    raises ``Http404`` or ``PermissionDenied`` as the view would, so a GET never tells more than a
    POST. Put ``post_only`` under the decorators that sign in and check roles. Other methods
    get 405.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["POST"])
            if callable(redirect_to):
                target = redirect_to(request, *args, **kwargs)
            else:
                target = resolve_url(redirect_to)
            url, text = target if isinstance(target, tuple) else (target, message)
            if request.method == "GET":  # a HEAD (a link preview) leaves no message behind
                messages.info(request, str(text))
            return redirect(url)

        return wrapper

    return decorator

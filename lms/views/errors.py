"""Friendly, translated error pages (templates/errors/)."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without context processors: the error may be the database itself.
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"request": request}))


def csrf_failure(request, reason=""):
    """Shown when a form is posted without a valid CSRF token (e.g. an expired page)."""
    return render(request, "errors/csrf.html", {"reason": reason}, status=403)

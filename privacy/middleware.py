"""Sends a signed-in person whose session awaits the privacy notice to it (decision 1002)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from privacy.notice import SESSION_KEY

# Pages a person who has not acknowledged the notice yet may still open: the notice itself,
# signing in and out, two-factor sign-in, the language switch, and what is not a person's page.
OPEN_VIEWS = frozenset(
    {
        "privacy:notice",
        "login",
        "account_login",
        "logout",
        "account_logout",
        "account_reauthenticate",
        "set_language",
        "healthz",
        "metrics",
        "cms_login",
    }
)
# Paths for machines and the public: static files, the public verification pages and the
# integration APIs (authenticated by token, never by a session).
OPEN_PREFIXES = ("/static/", "/verify/", "/api/", "/accounts/2fa/", "/favicon")


class PrivacyNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = getattr(request, "session", None)
        if session is None or session.get(SESSION_KEY) is None:
            return None
        if request.path.startswith(OPEN_PREFIXES) or request.path.endswith(".ics"):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        target = reverse("privacy:notice")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)

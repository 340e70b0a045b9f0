"""Two-factor sign-in (allauth's MFA: an authenticator app's codes, and recovery codes).

Everyone may set up an authenticator app (``mfa_index``, linked from the dashboard). When
``MFA_REQUIRED_FOR_STAFF`` is on (production), Assessors and Administrators must: until they
have, every page sends them to the set-up page (decision 0705).
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

from lms.roles import ADMINISTRATOR, ASSESSOR, user_roles

STAFF_ROLES = frozenset({ASSESSOR, ADMINISTRATOR})
# The pages a person who must set up two-factor sign-in may still open.
OPEN_VIEWS = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "login",
        "account_login",
        "logout",
        "account_logout",
        "set_language",
        "healthz",
    }
)


def two_factor_required(user) -> bool:
    """Whether ``user`` must sign in with a second factor (a staff role, and the setting).

    The roles come from the navigation cache (``lms.roles.user_roles``): this runs on every
    request, and the groups query was one more for everyone (decision 0905)."""
    if not (settings.MFA_REQUIRED_FOR_STAFF and user.is_authenticated):
        return False
    return bool(STAFF_ROLES & user_roles(user))


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class TwoFactorRequiredMiddleware:
    """Sends a person who must use two-factor sign-in and has no authenticator app yet to
    ``mfa_activate_totp`` before anything else (the /cms/ admin included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = getattr(request, "user", None)
        if user is None or not two_factor_required(user) or has_authenticator_app(user):
            return None
        return redirect("mfa_activate_totp")

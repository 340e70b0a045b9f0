"""Signing in: the site's login page, with the company's sign-on buttons (decision 0704).

Local usernames and passwords are checked by Django's ``AuthenticationForm`` (``LoginForm``),
which django-axes guards; the signed-in user then goes through allauth's login stages, so that
a person with an authenticator app is asked for a code before the session is theirs, whichever
way they signed in (password or company sign-on).
"""

from __future__ import annotations

import functools

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from allauth.socialaccount.models import SocialApp
from allauth.urls import build_provider_urlpatterns
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, URLResolver

from lms.forms import LoginForm

CMS_PREFIX = "/cms/"


class LoginView(auth_views.LoginView):
    """``/accounts/login/`` (``login``, and allauth's ``account_login``).

    Template ``registration/login.html``; context adds ``password_login`` (whether the
    username and password form is offered, ``SSO_PASSWORD_LOGIN``). The sign-on buttons come
    from allauth's ``get_providers`` tag: one per provider switched on in the settings.
    """

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        # A signed-in person sent here from the CMS, which they may not open, would be sent
        # back and forth: they are refused instead.
        if (
            request.user.is_authenticated
            and self.get_redirect_url().startswith(CMS_PREFIX)
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not settings.SSO_PASSWORD_LOGIN:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, password_login=settings.SSO_PASSWORD_LOGIN)

    def form_valid(self, form):
        """Sign in through allauth's stages (two-factor when the user has an authenticator)."""
        user = form.get_user()
        # allauth's own password sign-in after the check: it records the password as this
        # session's authentication (two-factor set-up asks for it again when it is old) and
        # runs the login stages. An internal API of allauth 65 (pinned <66 in pyproject.toml).
        return perform_password_login(
            self.request,
            {"username": user.get_username()},
            Login(user=user, redirect_url=self.get_success_url()),
        )


def cms_login(request):
    """``/cms/login/``: the Wagtail admin has no sign-in of its own (it would skip two-factor
    sign-in and the sign-on buttons); it sends everyone to the site's, keeping ``next``."""
    return redirect_to_login(request.GET.get("next") or CMS_PREFIX, login_url=settings.LOGIN_URL)


def _not_found_unless_configured(view):
    """A provider's view answers 404, not 500, while that provider is not switched on."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist:
            raise Http404 from None

    return wrapped


def _wrap(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
        else:
            pattern.callback = _not_found_unless_configured(pattern.callback)


def provider_urlpatterns() -> list[URLPattern | URLResolver]:
    """allauth's sign-in and callback URLs of every installed provider (``dingtalk_login``,
    ``openid_connect_callback``, …), each a 404 while its provider is not configured."""
    patterns = build_provider_urlpatterns()
    _wrap(patterns)
    return patterns

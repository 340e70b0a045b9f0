"""Signing in: the site's login page, with the company's sign-on buttons (decision 0704).

Local usernames and passwords are checked by Django's ``AuthenticationForm`` (``LoginForm``),
which django-axes guards; the signed-in user then goes through allauth's login stages, so that
a person with an authenticator app is asked for a code before the session is theirs, whichever
way they signed in (password or company sign-on).
"""

from __future__ import annotations

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

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
        return perform_login(self.request, form.get_user(), redirect_url=self.get_success_url())


def cms_login(request):
    """``/cms/login/``: the Wagtail admin has no sign-in of its own (it would skip two-factor
    sign-in and the sign-on buttons); it sends everyone to the site's, keeping ``next``."""
    return redirect_to_login(request.GET.get("next") or CMS_PREFIX, login_url=settings.LOGIN_URL)

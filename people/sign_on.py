"""Company sign-on through django-allauth: who a signed-on person is (decision 0704).

A person is found by the employee id that the identity provider names in a claim
(``SSO_EMPLOYEE_ID_CLAIM``, or the provider app's ``employee_id_claim`` setting), never by
email. Someone the platform does not know is refused, unless ``SSO_AUTO_CREATE`` is on: then
they become a Learner in the unit whose department path the claim ``SSO_UNIT_CLAIM`` names.
A deactivated person (left the company, ``离职`` in the roster) is refused.
"""

from __future__ import annotations

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from people.services.sign_on import sign_on_learner_create

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

REFUSALS = {
    "no_employee_id": _(
        "Your company account does not carry an employee id, so the academy cannot tell who "
        "you are. Ask your administrator to check the sign-on settings."
    ),
    "unknown": _(
        "There is no account in the academy for your employee id. Ask your administrator to "
        "add you to the roster."
    ),
    "no_unit": _(
        "Your company account does not name your department, so the academy cannot create "
        "your account. Ask your administrator to add you to the roster."
    ),
    "username_taken": _(
        "Another account of the academy already has your employee id as its username, so "
        "yours cannot be created. Ask your administrator to add you to the roster."
    ),
    "inactive": _(
        "Your account in the academy is deactivated. Ask your administrator if this is a mistake."
    ),
}


def refuse(request, reason: str, employee_id: str = ""):
    """Stop the sign-on with the refusal page (403), template ``people/sign_on_refused.html``."""
    response = render(
        request,
        "people/sign_on_refused.html",
        {"reason": REFUSALS[reason], "employee_id": employee_id},
        status=403,
    )
    raise ImmediateHttpResponse(response)


def claims_of(sociallogin) -> dict:
    """What the provider said about the person: the ID token's claims and the user info of
    OpenID Connect (the user info wins), or the profile other providers answer."""
    data = sociallogin.account.extra_data or {}
    if "id_token" in data or "userinfo" in data:
        return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    return data


def claim_names(sociallogin) -> dict[str, str]:
    """The claims naming the employee id, the name and the unit, for this provider."""
    app_settings = getattr(sociallogin.provider.app, "settings", None) or {}
    return {
        "employee_id": app_settings.get("employee_id_claim", settings.SSO_EMPLOYEE_ID_CLAIM),
        "name": app_settings.get("name_claim", settings.SSO_NAME_CLAIM),
        "unit": app_settings.get("unit_claim", settings.SSO_UNIT_CLAIM),
    }


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: people come from the roster, an administrator or the company sign-on."""

    # The site never said "signed in as …" (a username on an English page is user data allauth's
    # message does not mark): allauth's sign-in message is left out.
    QUIET_MESSAGES = frozenset({"account/messages/logged_in.txt"})

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        if message_template in self.QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A sign-in of the last minutes (``ACCOUNT_REAUTHENTICATION_TIMEOUT``) counts as recent:
        an Assessor sent to set up two-factor sign-in right after signing in is not asked for a
        password again, and someone who signs on without a password of the academy can set it
        up at all (decision 0705)."""
        request, user = self.request, getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            records = get_authentication_records(request, user)
            timeout = account_settings.REAUTHENTICATION_TIMEOUT
            if records and time.time() - records[-1]["at"] < timeout:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def login(self, request, user):
        # Without a backend allauth would record the first one listed, axes' (which finds no
        # user for a session): a signed-on person is a user of Django's model backend.
        if not hasattr(user, "backend"):
            user.backend = MODEL_BACKEND
        super().login(request, user)


def rewrite_url(url: str, overrides: dict[str, str]) -> str:
    """``url`` with its origin replaced as ``SSO_ENDPOINT_OVERRIDES`` says (a private deployment
    of Feishu or DingTalk, a proxy, the tests' local server)."""
    for origin, replacement in overrides.items():
        if url == origin or url.startswith(origin.rstrip("/") + "/"):
            return replacement.rstrip("/") + url[len(origin.rstrip("/")) :]
    return url


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Matches a signed-on person to the academy's account by employee id."""

    def get_requests_session(self):
        """allauth's HTTP session for the providers' APIs, with ``SSO_ENDPOINT_OVERRIDES``."""
        session = super().get_requests_session()
        overrides = settings.SSO_ENDPOINT_OVERRIDES
        if overrides:
            send = session.request

            def request(method, url, *args, **kwargs):
                return send(method, rewrite_url(url, overrides), *args, **kwargs)

            session.request = request
        return session

    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        names = claim_names(sociallogin)
        claims = claims_of(sociallogin)
        employee_id = str(claims.get(names["employee_id"]) or "").strip()
        if not employee_id:
            refuse(request, "no_employee_id")
        user = get_user_model().objects.filter(employee_id=employee_id).first()
        if user is None:
            user = self._create(request, employee_id, claims, names)
        if not user.is_active:
            refuse(request, "inactive", employee_id)
        if sociallogin.is_existing:
            if sociallogin.user.pk != user.pk:
                # The provider's account now names another employee id: follow the claim.
                sociallogin.account.user = user
                sociallogin.account.save(update_fields=["user"])
            sociallogin.user = user
        else:
            sociallogin.connect(request, user)

    def _create(self, request, employee_id: str, claims: dict, names: dict):
        if not settings.SSO_AUTO_CREATE:
            refuse(request, "unknown", employee_id)
        unit_path = str(claims.get(names["unit"]) or "").strip().strip("/")
        if not unit_path:
            refuse(request, "no_unit", employee_id)
        if get_user_model().objects.filter(username=employee_id).exists():
            refuse(request, "username_taken", employee_id)
        return sign_on_learner_create(
            employee_id=employee_id,
            name=str(claims.get(names["name"]) or employee_id),
            unit_path=unit_path,
            email=str(claims.get("email") or ""),
        )

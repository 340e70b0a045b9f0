"""Two-factor sign-in (allauth MFA, decision 0705): an authenticator app's code after the
password, recovery codes, and the requirement for Assessors and Administrators."""

import re
import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.roles import ASSESSOR
from tests.factories import PASSWORD
from tests.lms.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ACTIVATE = "/accounts/2fa/totp/activate/"


def code(secret: str) -> str:
    """The code the authenticator app shows now. The site takes only the current period's code
    (allauth's MFA_TOTP_TOLERANCE 0): like a person who sees the code about to change, wait for
    the next one rather than send one that is checked in the next period."""
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left + 0.1)
    counter = list(yield_hotp_counters_from_time())[0]
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(client, username):
    return client.post(LOGIN, {"username": username, "password": PASSWORD})


def test_with_an_authenticator_app_the_password_is_not_enough(client, learner):
    secret = generate_totp_secret()
    TOTP.activate(learner, secret)
    response = sign_in(client, "learner")
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still signed out
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    right = client.post(reverse("mfa_authenticate"), {"code": code(secret)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_without_an_authenticator_app_the_password_signs_in(client, learner):
    assert sign_in(client, "learner").url == "/"
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_everyone_is_offered_two_factor_sign_in(client, learner):
    sign_in(client, "learner")
    page = client.get("/", follow=True).content.decode()
    assert f'href="{reverse("mfa_index")}"' in page
    assert client.get(reverse("mfa_index")).status_code == 200
    # Not required of learners, even when it is of staff.


def activate(client):
    """Set up an authenticator app from the activation page, as a person would."""
    response = client.get(ACTIVATE)
    assert response.status_code == 200, response.get("Location")
    page = response.content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page)
    secret = secret or re.search(r'value="([A-Z2-7]{16,})"', page)
    assert secret, page
    return client.post(ACTIVATE, {"code": code(secret.group(1))})


@pytest.mark.parametrize("who", ["assessor", "administrator"])
def test_required_staff_set_up_an_authenticator_before_anything_else(
    client, request, settings, who
):
    settings.MFA_REQUIRED_FOR_STAFF = True
    user = request.getfixturevalue(who)
    assert sign_in(client, user.username).status_code == 302
    for path in ("/", "/dashboard/assessor/", "/cms/", "/certificates/"):
        assert client.get(path).url == ACTIVATE, path
    activated = activate(client)
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    # Recovery codes come with the app.
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get("/dashboard/assessor/").status_code == 200


def test_learners_and_trainers_are_not_required(client, settings, learner, trainer):
    settings.MFA_REQUIRED_FOR_STAFF = True
    for user in (learner, trainer):
        sign_in(client, user.username)
        assert client.get("/").status_code == 302
        assert client.get("/", follow=True).request["PATH_INFO"] != ACTIVATE
        client.logout()


def test_not_required_in_test_and_development_settings(client, assessor):
    sign_in(client, "assessor")
    assert client.get("/dashboard/assessor/").status_code == 200


def test_required_in_production_settings():
    code_ = "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_STAFF)"
    result = run_manage("shell", "-c", code_, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_signing_in_adds_no_message_of_its_own(client, learner):
    response = sign_in(client, "learner")
    assert [str(m) for m in get_messages(response.wsgi_request)] == []


def test_a_learner_made_assessor_must_set_up_an_authenticator_at_the_next_request(
    client, settings, learner
):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(learner)
    inbox = reverse("notifications:inbox")
    assert client.get(inbox).status_code == 200
    learner.groups.add(Group.objects.get_or_create(name=ASSESSOR)[0])
    assert client.get(inbox).url == ACTIVATE
    learner.groups.clear()
    assert client.get(inbox).status_code == 200


def test_the_requirement_costs_no_query_once_the_roles_are_known(
    client, settings, learner, django_assert_num_queries
):
    client.force_login(learner)
    inbox = reverse("notifications:inbox")
    client.get(inbox)
    with CaptureQueriesContext(connection) as off:
        client.get(inbox)
    without_requirement = len(off.captured_queries)  # before the next request resets the log
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.get(inbox)  # works out the roles once
    with django_assert_num_queries(without_requirement):
        assert client.get(inbox).status_code == 200

"""Company sign-on through a real OpenID Connect provider (tests/oidc_provider/, a separate
process): people are matched by the employee id claim, never by email; unknown and
deactivated people are refused; broken tokens and a tampered state sign nobody in."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.urls import reverse

from lms.roles import LEARNER
from people.models import OrgUnit
from tests.factories import LearnerFactory
from tests.oidc_provider.fixture import PASSWORD, SHANGHAI

pytestmark = pytest.mark.django_db

SIGN_ON = "/accounts/oidc/company/login/"


def sign_on_at_provider(client, oidc_sign_on, username):
    """Press the sign-on button, sign in at the provider's own login page, and return the
    callback URL (path and query) the provider sends the browser back to."""
    start = client.post(SIGN_ON)
    assert start.status_code == 302
    location = start["Location"]
    assert location.startswith(oidc_sign_on.url), location
    with requests.Session() as browser:
        response = browser.get(location, allow_redirects=False)
        while True:
            assert response.status_code in (200, 302), response.text[:500]
            if response.status_code == 200:  # the provider's login page
                form_url = response.url
                response = browser.post(
                    form_url,
                    data={
                        "username": username,
                        "password": PASSWORD,
                        "csrfmiddlewaretoken": browser.cookies["oidc_provider_csrf"],
                        "next": parse_qs(urlsplit(form_url).query)["next"][0],
                    },
                    headers={"Referer": form_url},
                    allow_redirects=False,
                )
                continue
            location = requests.compat.urljoin(response.url, response.headers["Location"])
            if not location.startswith(oidc_sign_on.url):
                break
            response = browser.get(location, allow_redirects=False)
    parts = urlsplit(location)
    assert parts.path == "/accounts/oidc/company/login/callback/", location
    return f"{parts.path}?{parts.query}"


def sign_on(client, oidc_sign_on, username):
    return client.get(sign_on_at_provider(client, oidc_sign_on, username))


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def in_english(client):
    client.cookies["lms_language"] = "en"


def test_a_known_employee_signs_in_by_employee_id(client, oidc_sign_on):
    person = LearnerFactory(username="zhangsan", employee_id="E7001", email="other@example.com")
    response = sign_on(client, oidc_sign_on, "zhang.san")
    assert response.status_code == 302
    assert signed_in_user(client) == person
    assert client.get("/", follow=True).request["PATH_INFO"] == "/dashboard/learner/"


def test_the_same_email_with_another_employee_id_is_not_the_person(client, oidc_sign_on):
    LearnerFactory(username="someone", employee_id="E0042", email="newcomer@example.com")
    in_english(client)
    response = sign_on(client, oidc_sign_on, "newcomer")
    assert response.status_code == 403
    assert signed_in_user(client) is None
    page = response.content.decode()
    assert "There is no account in the academy for your employee id" in page
    assert re.search(r'translate="no">E7999<', page)


def test_an_unknown_person_is_refused_and_nothing_is_created(client, oidc_sign_on):
    before = get_user_model().objects.count()
    response = sign_on(client, oidc_sign_on, "newcomer")
    assert response.status_code == 403
    assert get_user_model().objects.count() == before
    assert signed_in_user(client) is None


def test_automatic_creation_makes_a_learner_in_the_claimed_unit(client, oidc_sign_on, settings):
    settings.SSO_AUTO_CREATE = True
    response = sign_on(client, oidc_sign_on, "newcomer")
    assert response.status_code == 302
    person = signed_in_user(client)
    assert (person.username, person.employee_id, person.display_name) == ("E7999", "E7999", "李新")
    assert list(person.groups.values_list("name", flat=True)) == [LEARNER]
    assert person.placement.unit.path == SHANGHAI
    assert OrgUnit.objects.get(path=SHANGHAI).parent.path == "售后服务部/华东大区"
    assert not person.has_usable_password()


def test_a_provider_account_without_an_employee_id_is_refused(client, oidc_sign_on, settings):
    settings.SSO_AUTO_CREATE = True
    in_english(client)
    response = sign_on(client, oidc_sign_on, "no.id")
    assert response.status_code == 403
    assert "does not carry an employee id" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_deactivated_person_is_refused(client, oidc_sign_on):
    LearnerFactory(username="zhangsan", employee_id="E7001", is_active=False)
    in_english(client)
    response = sign_on(client, oidc_sign_on, "zhang.san")
    assert response.status_code == 403
    assert "Your account in the academy is deactivated" in response.content.decode()
    assert signed_in_user(client) is None


@pytest.mark.parametrize("username", ["wrong.audience", "expired"])
def test_an_id_token_for_another_client_or_out_of_date_is_refused(client, oidc_sign_on, username):
    LearnerFactory(username="zhangsan", employee_id="E7001")
    in_english(client)
    response = sign_on(client, oidc_sign_on, username)
    assert signed_in_user(client) is None
    assert response.status_code == 401
    assert "Sign-on failed" in response.content.decode()


def test_a_tampered_state_is_refused(client, oidc_sign_on):
    LearnerFactory(username="zhangsan", employee_id="E7001")
    callback = sign_on_at_provider(client, oidc_sign_on, "zhang.san")
    path, query = callback.split("?", 1)
    params = {key: values[0] for key, values in parse_qs(query).items()}
    params["state"] = params["state"][:-2] + ("AA" if params["state"][-2:] != "AA" else "BB")
    in_english(client)
    response = client.get(f"{path}?{urlencode(params)}")
    assert response.status_code == 401
    assert signed_in_user(client) is None
    assert "Sign-on failed" in response.content.decode()
    # The untouched callback still works: the refusal was the state's.
    assert client.get(callback).status_code == 302
    assert signed_in_user(client) is not None


def test_a_person_with_an_authenticator_app_gives_a_code_after_signing_on(client, oidc_sign_on):
    person = LearnerFactory(username="zhangsan", employee_id="E7001")
    TOTP.activate(person, generate_totp_secret())
    response = sign_on(client, oidc_sign_on, "zhang.san")
    assert response.url == reverse("mfa_authenticate")
    assert signed_in_user(client) is None


def test_automatic_creation_refuses_when_the_username_is_taken(client, oidc_sign_on, settings):
    settings.SSO_AUTO_CREATE = True
    LearnerFactory(username="E7999", employee_id="E0001")
    in_english(client)
    response = sign_on(client, oidc_sign_on, "newcomer")
    assert response.status_code == 403
    assert "already has your employee id as its username" in response.content.decode()
    assert signed_in_user(client) is None

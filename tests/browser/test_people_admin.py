"""An administrator invites a newcomer from the People screen; the newcomer sets a password from
the email's link and signs in (issue 15, decision 0707)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import mail

from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)
NEW_PASSWORD = "a-fresh-long-password-7"


def test_an_invited_newcomer_sets_a_password_and_signs_in(
    live_server, page, login, administrator, settings, browser
):
    settings.BASE_URL = live_server.url
    newcomer = LearnerFactory(username="E7001", employee_id="E7001", display_name="新同事")
    newcomer.password = make_password(None)
    newcomer.save()
    login(administrator)
    page.goto(f"{live_server.url}/cms/people/?q=E7001")
    page.locator("input[name=person]").check()
    page.get_by_test_id("invite-selected").click()
    page.wait_for_load_state("domcontentloaded")
    [message] = mail.outbox
    link = re.search(r"http\S+/accounts/invitation/\S+/", message.body).group(0)

    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(link)
    visitor.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    visitor.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    visitor.get_by_test_id("invitation-submit").click()
    visitor.wait_for_url(f"{live_server.url}/accounts/login/", wait_until="domcontentloaded")
    assert "E7001" in visitor.content()
    visitor.locator("input[name=username]").fill("E7001")
    visitor.locator("input[name=password]").fill(NEW_PASSWORD)
    visitor.get_by_test_id("login-submit").click()
    visitor.wait_for_url(re.compile(r"/dashboard/"), wait_until="domcontentloaded")
    assert get_user_model().objects.get(username="E7001").last_login is not None
    # The link has been used: it now says so.
    visitor.goto(link)
    assert visitor.get_by_test_id("invitation").get_attribute("data-state") == "invalid"

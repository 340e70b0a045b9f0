"""Engineers sign in with their company directory account (the real slapd of
tests/ldap_server.py) on /accounts/login/."""

import pytest
from django.conf import settings

from people.services.roster import roster_import

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("directory_sign_in"),
]

ROSTER = (
    "工号,姓名,部门\nE7001,张伟,售后服务部/华东大区/上海站\nE7003,李锁,售后服务部/华东大区/上海站\n"
)


def sign_in(page, url, username, password):
    page.goto(f"{url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state("domcontentloaded")


def test_a_roster_engineer_signs_in_through_the_directory_and_a_disabled_one_is_told_why(
    live_server, page
):
    roster_import(data=ROSTER.encode(), filename="roster.csv")
    sign_in(page, live_server.url, "zhang.wei", "Directory-Pass-1")
    page.wait_for_url(f"{live_server.url}/dashboard/learner/")
    assert "张伟" in page.locator("header").inner_text()

    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    sign_in(page, live_server.url, "li.suo", "Directory-Pass-3")
    alert = page.locator(".form-errors")
    assert alert.inner_text().strip() == (
        "Your company account is disabled in the directory. Ask your IT department to enable it."
    )
    assert page.url == f"{live_server.url}/accounts/login/"

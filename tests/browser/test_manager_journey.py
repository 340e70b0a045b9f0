"""A station manager on a phone: signs in, lands on the manager dashboard, opens the team list
and one engineer's record; nothing is wider than the screen."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from lms.demo import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOO_WIDE = "() => document.documentElement.scrollWidth > window.innerWidth"


@pytest.fixture
def demo(db):
    call_command("load_demo_data", "--force", stdout=io.StringIO())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_manager_opens_a_report_on_a_phone(demo, browser, live_server, language):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.add_cookies([{"name": "lms_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill("manager")
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.get_by_test_id("login-submit").click()

    expect(page).to_have_url(f"{live_server.url}/dashboard/manager/")
    panel = page.get_by_test_id("team-panel")
    expect(panel).to_contain_text("售后服务部/华东大区/上海站")
    assert not page.evaluate(TOO_WIDE)
    page.get_by_test_id("open-team").click()

    expect(page).to_have_url(f"{live_server.url}/team/")
    rows = page.get_by_test_id("team-row")
    expect(rows).to_have_count(3)
    expect(page.get_by_test_id("team-table")).not_to_contain_text("刘洋")  # 杭州站
    assert not page.evaluate(TOO_WIDE)
    rows.filter(has_text="王小明").get_by_role("link").click()

    expect(page).to_have_url(f"{live_server.url}/team/learner/")
    expect(page.get_by_test_id("member-name")).to_have_text("王小明")
    expect(page.get_by_test_id("member-exams")).to_be_visible()
    expect(page.get_by_test_id("member-cases")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert not page.evaluate(TOO_WIDE)

    response = page.goto(f"{live_server.url}/team/learner04/")
    assert response.status == 404
    context.close()

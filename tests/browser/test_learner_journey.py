import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_logs_in_sees_the_dashboard_and_switches_language(live_server, login, learner):
    page = login(learner)
    expect(page).to_have_url(f"{live_server.url}/dashboard/learner/")
    expect(page.locator("h1")).to_have_text("我的学习")
    expect(page.get_by_test_id("dashboard-learner")).to_contain_text("王小明")

    page.get_by_test_id("language-en").click()
    expect(page.locator("h1")).to_have_text("My learning")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/dashboard/learner/")

    page.get_by_test_id("language-zh-hans").click()
    expect(page.locator("h1")).to_have_text("我的学习")


def test_wrong_password_in_the_browser(live_server, page, learner):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill("learner")
    page.locator("input[name=password]").fill("wrong")
    page.get_by_test_id("login-submit").click()
    expect(page.locator(".form-errors")).to_contain_text("用户名或密码不正确")
    expect(page.locator("input[name=username]")).to_have_value("learner")


def test_the_menu_works_on_a_phone(live_server, login, learner, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    phone = context.new_page()
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.locator("input[name=username]").fill("learner")
    phone.locator("input[name=password]").fill("correct-horse-battery")
    phone.get_by_test_id("login-submit").click()
    expect(phone.locator("h1")).to_have_text("我的学习")
    menu = phone.locator("details.nav-toggle")
    expect(menu.locator("a[href='/courses/']")).to_be_hidden()
    menu.locator("summary").click()
    expect(menu.locator("a[href='/courses/']")).to_be_visible()
    # The name is on the user's menu button, with the account's links behind it.
    expect(phone.get_by_test_id("logout")).to_be_hidden()
    phone.get_by_test_id("user-menu").click()
    expect(phone.locator(".user-menu-panel")).to_contain_text("王小明")
    expect(phone.get_by_test_id("logout")).to_be_visible()
    # Nothing is wider than the phone's screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    context.close()

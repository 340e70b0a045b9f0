"""A person signs in through the company's OpenID Connect provider: the academy's login page,
the provider's own login page (a separate process), back to the academy's dashboard."""

import pytest

from tests.browser.test_content_security_policy import REPORT_VIOLATIONS
from tests.factories import PASSWORD as ACADEMY_PASSWORD
from tests.factories import AssessorFactory, LearnerFactory
from tests.oidc_provider.fixture import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def watch_policy(page) -> list[str]:
    """The page's Content-Security-Policy violations, as they happen."""
    violations = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: violations.append(message.text))
    return violations


def test_a_learner_signs_in_through_the_company_provider(live_server, page, oidc_sign_on):
    LearnerFactory(username="zhangsan", employee_id="E7001", display_name="张三")
    console = watch_policy(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_test_id("sign-on-company").click()
    page.wait_for_url(f"{oidc_sign_on.url}/login/**")
    page.locator("input[name=username]").fill("zhang.san")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to the company").click()
    page.wait_for_url(f"{live_server.url}/dashboard/learner/")
    assert "张三" in page.locator("header").inner_text()
    assert [text for text in console if "CSP violation" in text] == []


def test_the_two_factor_set_up_runs_under_the_policy(live_server, page, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    AssessorFactory(username="assessor")
    console = watch_policy(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill("assessor")
    page.locator("input[name=password]").fill(ACADEMY_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    qr_code = page.locator("main img").first
    assert qr_code.evaluate("image => image.naturalWidth") > 0  # the data: image was allowed
    assert [text for text in console if "CSP violation" in text] == []


def test_the_login_page_offers_the_provider_and_the_password_form(live_server, page, oidc_sign_on):
    page.goto(f"{live_server.url}/accounts/login/")
    button = page.get_by_test_id("sign-on-company")
    assert button.inner_text() == "使用示例公司 Example Corp登录"  # the provider's name, as set
    assert button.locator("[translate=no]").inner_text() == "示例公司 Example Corp"
    assert page.get_by_test_id("login-submit").is_visible()

"""A person signs in through the company's OpenID Connect provider: the academy's login page,
the provider's own login page (a separate process), back to the academy's dashboard."""

import pytest

from tests.factories import LearnerFactory
from tests.oidc_provider.fixture import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_learner_signs_in_through_the_company_provider(live_server, page, oidc_sign_on):
    LearnerFactory(username="zhangsan", employee_id="E7001", display_name="张三")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_test_id("sign-on-company").click()
    page.wait_for_url(f"{oidc_sign_on.url}/login/**")
    page.locator("input[name=username]").fill("zhang.san")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to the company").click()
    page.wait_for_url(f"{live_server.url}/dashboard/learner/")
    assert "张三" in page.locator("header").inner_text()


def test_the_login_page_offers_the_provider_and_the_password_form(live_server, page, oidc_sign_on):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_by_test_id("sign-on-company").inner_text().endswith("示例公司 Example Corp")
    assert page.get_by_test_id("login-submit").is_visible()

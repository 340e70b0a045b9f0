"""An anonymous verifier, on a phone and a desktop, in both languages: a mistyped code, the
lookup form it leads to, the language switcher, and a revoked certificate's banner."""

import pytest
from playwright.sync_api import expect

from certificates import issuing
from tests.certificates.factories import clear_rate_limits, issued  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1366)


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_verifier_finds_the_way_in_either_language(
    live_server, browser, learner, program, assessor, width
):
    certificate = issued(learner, program)
    issuing.certificate_revoke(certificate=certificate, reason="伪造签名", by=assessor)
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": width, "height": 800}
    )
    page = context.new_page()

    # A code with a typo: a branded 404 in Chinese, with the way to the lookup form.
    response = page.goto(f"{live_server.url}/verify/{certificate.code[:-1]}/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_test_id("verify-not-found")).to_be_visible()
    assert overflow(page) <= 0

    # The switcher turns it into English, on the same address.
    page.get_by_test_id("language-en").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith(f"/verify/{certificate.code[:-1]}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("No certificate with this code")
    assert overflow(page) <= 0

    page.get_by_role("link", name="Look up a certificate by serial and name").click()
    page.get_by_label("Serial").fill(certificate.serial)
    page.get_by_label("Holder's name").fill("王小明")
    page.get_by_test_id("verify-paper").get_by_role("button").click()

    # The certificate: revoked, in a banner that says so with the reason.
    banner = page.get_by_test_id("status-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Revoked")
    expect(banner).to_contain_text("伪造签名")
    assert overflow(page) <= 0
    page.get_by_test_id("language-zh-hans").click()
    page.wait_for_load_state("domcontentloaded")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_test_id("verification-status")).to_have_text("已撤销")
    assert overflow(page) <= 0
    context.close()

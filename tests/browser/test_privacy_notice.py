"""A learner signs in for the first time after the privacy notice is published: the notice,
acknowledged, then the dashboard; a new version is put before them at their next sign-in.
Screenshots at a phone's and a desktop's width, in Chinese and English."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from privacy.models import NoticeAcknowledgement, PrivacyNotice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "privacy"


def publish(body: str, body_en: str) -> PrivacyNotice:
    notice = PrivacyNotice.objects.create(
        title="个人信息保护告知书", title_en="Privacy notice", body=body, body_en=body_en
    )
    notice.publish()
    return notice


def sign_out(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")  # any page with the header
    page.context.clear_cookies()


@pytest.mark.parametrize("width", (390, 1366))
def test_first_sign_in_then_notice_then_dashboard_and_asked_again_for_a_new_version(
    live_server, page, login, learner, width
):
    page.set_viewport_size({"width": width, "height": 900})
    first = publish(
        "我们保存您的学习记录。\n\n保存三年。", "We keep your learning record.\n\nFor three years."
    )

    login(learner)
    expect(page.get_by_test_id("privacy-notice")).to_be_visible()
    expect(page.get_by_test_id("privacy-notice-text")).to_contain_text("我们保存您的学习记录。")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"notice-zh-{width}.png"), full_page=True)

    # Going elsewhere first leads back to the notice.
    page.goto(f"{live_server.url}/inbox/")
    expect(page.get_by_test_id("acknowledge-notice")).to_be_visible()

    page.get_by_test_id("acknowledge-notice").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith("/inbox/")
    page.goto(f"{live_server.url}/")
    assert "/privacy/" not in page.url
    assert NoticeAcknowledgement.objects.filter(user=learner, notice=first).exists()

    # A new version: asked again at the next sign-in, in English this time.
    publish("我们还保存您的申诉。", "We also keep your appeals.")
    sign_out(page, live_server)
    page.context.add_cookies([{"name": "lms_language", "value": "en", "url": live_server.url}])
    login(learner)
    expect(page.get_by_test_id("privacy-notice-text")).to_contain_text("We also keep your appeals.")
    page.screenshot(path=str(SHOTS / f"notice-en-{width}.png"), full_page=True)
    page.get_by_test_id("acknowledge-notice").click()
    page.wait_for_load_state("domcontentloaded")
    assert "/privacy/" not in page.url
    expect(page.get_by_test_id("user-menu")).to_be_visible()
    assert NoticeAcknowledgement.objects.filter(user=learner).count() == 2

    # The account page, with the download of their own data.
    page.goto(f"{live_server.url}/account/")
    expect(page.get_by_test_id("download-my-data")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"account-en-{width}.png"), full_page=True)

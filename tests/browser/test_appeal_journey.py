"""Issue 18, "Done when": a learner appeals an essay mark, an assessor gives it to a second
trainer who re-marks it blind, and the learner sees the new scorecard revision and the new
certificate. On a phone and a desktop; no page scrolls sideways."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from appeals.models import Appeal
from certificates.models import Certificate
from tests.appeals.conftest import (  # noqa: F401 - fixtures
    FIRST_FEEDBACK,
    attempt,
    certificate,
    exam,
    program,
    scorecard,
    second_trainer,
)
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set APPEAL_SCREENSHOTS=/some/dir to keep a screenshot of every page for a person to look at.
SHOTS = os.environ.get("APPEAL_SCREENSHOTS", "")


def sign_in(browser, live_server, user, width):
    context = browser.new_context(
        locale="en-US", timezone_id="Asia/Shanghai", viewport={"width": width, "height": 900}
    )
    context.add_cookies([{"name": "lms_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state("domcontentloaded")
    return page


def look(page, name, width):
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, name
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_an_appeal_is_re_marked_blind_and_the_certificate_follows(
    live_server,
    browser,
    learner,
    trainer,
    assessor,
    second_trainer,  # noqa: F811
    attempt,  # noqa: F811
    certificate,  # noqa: F811
    width,
):
    # The learner appeals from the exam's result page.
    page = sign_in(browser, live_server, learner, width)
    page.goto(f"{live_server.url}/attempts/{attempt.pk}/result/")
    look(page, "result", width)
    page.get_by_test_id("appeal-button").click()
    page.get_by_test_id("file-appeal").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why you appeal this result.")
    page.get_by_label("Reason").fill("第二题我写了完整的排查步骤，却得了 0 分。")
    look(page, "appeal-form", width)
    page.get_by_test_id("file-appeal").click()
    expect(page.get_by_test_id("appeal-status")).to_contain_text("Waiting for an assessor")
    look(page, "appeal-filed", width)
    appeal = Appeal.objects.get()

    # The assessor gives it to a second trainer; the first grader is not offered.
    staff = sign_in(browser, live_server, assessor, width)
    staff.goto(f"{live_server.url}/appeals/queue/")
    look(staff, "queue", width)
    staff.get_by_test_id(f"appeal-{appeal.pk}").click()
    options = staff.locator("#id_remarker option").all_inner_texts()
    assert not any("(trainer)" in option for option in options)
    staff.locator("#id_remarker").select_option(str(second_trainer.pk))
    staff.get_by_test_id("assign-remarker").click()
    expect(staff.get_by_test_id("appeal-status")).to_contain_text("Being re-marked")
    look(staff, "manage", width)

    # The second trainer re-marks blind: the answer, never the first mark or its comments.
    marker = sign_in(browser, live_server, second_trainer, width)
    marker.get_by_test_id(f"remark-{appeal.pk}").click()
    expect(marker.get_by_test_id("remark-essay")).to_contain_text("先查报警记录，再查线路。")
    body = marker.locator("body").inner_text()
    for hidden in (FIRST_FEEDBACK, trainer.get_full_name(), "0 分"):
        assert hidden not in body
    look(marker, "remark", width)
    marker.get_by_label("Points (0–4)").fill("4")
    marker.get_by_label("Explanation for the learner").fill("复核：第二题步骤完整，给满分。")
    marker.get_by_test_id("save-remark").click()
    marker.wait_for_load_state("domcontentloaded")

    # The learner reads the outcome, the new revision and the new certificate.
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    expect(page.get_by_test_id("appeal-outcome")).to_have_text("Re-marked")
    expect(page.get_by_test_id("appeal-explanation")).to_contain_text("给满分")
    look(page, "appeal-resolved", width)
    page.get_by_role("link", name="Scorecard 2026-Q3, revision 2").click()
    expect(page.locator("h1")).to_contain_text("revision 2")
    look(page, "revision", width)
    new = Certificate.objects.get(scorecard__revision=2)
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    page.get_by_role("link", name="A new certificate was issued").click()
    expect(page.locator("body")).to_contain_text(new.serial)
    look(page, "certificates", width)

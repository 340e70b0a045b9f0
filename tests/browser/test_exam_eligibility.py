"""Eligibility and extra time in the browser (decision 0802): a learner on a phone sees what
the certification exam still requires, follows the link, passes the knowledge check, comes
back and starts the exam with their extra time; both languages, no horizontal scrolling.

``ELIGIBILITY_SCREENSHOTS=/some/dir`` keeps the exam page's screenshots (390 and 1366 px, in
Chinese and in English) for a person to look at."""

import os
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from assessment.models import Prerequisite
from exams.models import Accommodation, Attempt, Quiz
from tests.exams.factories import QuestionFactory, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("ELIGIBILITY_SCREENSHOTS")


def setup(trainer, learner):
    check_question = QuestionFactory(
        text="售后服务第一步是？",
        text_en="What comes first in after-sales service?",
        choices=[("了解故障现象", True, "Understand the fault"), ("更换零件", False, "Replace")],
    )
    check = quiz_with(
        [check_question],
        slug="kc-1",
        kind=Quiz.Kind.PRACTICE,
        title="知识检测：引言",
        title_en="Knowledge check: introduction",
        attempts_allowed=0,
        layout=Quiz.Layout.ALL_ON_ONE_PAGE,
    )
    exam = quiz_with(
        [QuestionFactory(), QuestionFactory()],
        owner=trainer,
        slug="ase-l1",
        title="售后工程师一级认证考试",
        title_en="After-sales engineer level 1 certification exam",
        time_limit_minutes=45,
    )
    Prerequisite.objects.create(exam=exam, kind="quiz", quiz=check, min_percent=Decimal("60"))
    Accommodation.objects.create(
        quiz=exam, user=learner, extra_percent=25, reason="读写障碍", granted_by=trainer
    )
    return exam, check


def look(page, live_server, exam, name):
    for language in ("zh-hans", "en"):
        page.context.add_cookies(
            [{"name": "lms_language", "value": language, "url": live_server.url}]
        )
        for width in (390, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}/quizzes/{exam.slug}/")
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            if SHOTS:
                page.screenshot(path=f"{SHOTS}/{name}-{language}-{width}.png", full_page=True)


def test_a_learner_meets_the_requirement_then_starts_with_extra_time(
    live_server, login, learner, trainer
):
    exam, check = setup(trainer, learner)
    page = login(learner)
    look(page, live_server, exam, "missing")
    # English, on a phone: what is missing, and the extra time.
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/quizzes/{exam.slug}/")
    expect(page.get_by_test_id("requirement-missing")).to_contain_text(
        "Reach 60% in Knowledge check: introduction (no result yet)"
    )
    expect(page.get_by_test_id("extra-time")).to_have_text("You have 12 extra minutes")
    expect(page.get_by_test_id("start-attempt")).to_have_count(0)
    expect(page.get_by_role("button", name="Start")).to_be_disabled()

    page.get_by_test_id("requirement-missing").get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/quizzes/{check.slug}/")
    page.get_by_test_id("start-attempt").click()
    page.get_by_label("Understand the fault").check()
    page.get_by_test_id("to-summary").click()
    page.get_by_test_id("submit-attempt").click()
    expect(page.get_by_test_id("attempt-result")).to_be_visible()

    page.goto(f"{live_server.url}/quizzes/{exam.slug}/")
    expect(page.get_by_test_id("requirement-met")).to_contain_text("your result: 100%")
    look(page, live_server, exam, "eligible")
    page.get_by_test_id("start-attempt").click()
    attempt = Attempt.objects.get(quiz=exam, user=learner)
    assert attempt.extra_minutes == 12
    assert (attempt.deadline - attempt.started_at).total_seconds() == 57 * 60

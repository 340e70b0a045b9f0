"""A learner takes the knowledge check linked from a lesson (courses × exams)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from exams.models import Attempt, AttemptQuestion, Quiz
from tests.courses.factories import lessons_of, make_course
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_takes_the_knowledge_check_from_a_lesson(live_server, login, learner, trainer):
    category = CategoryFactory(name="引言")
    questions = [
        QuestionFactory(category=category, text="考核方案首先要做到？", points=Decimal("1")),
        QuestionFactory(category=category, text="考核数据从哪里来？", points=Decimal("1")),
    ]
    quiz_with(
        questions,
        owner=trainer,
        slug="kc-module-1",
        title="引言练习",
        kind=Quiz.Kind.PRACTICE,
        layout=Quiz.Layout.ALL_ON_ONE_PAGE,
    )
    body = [
        {"type": "paragraph", "value": "<p>考核方案让服务质量可衡量。</p>"},
        {
            "type": "knowledge_check",
            "value": {"quiz_slug": "kc-module-1", "title": "", "intro": "学完本课，做个小测验。"},
        },
    ]
    course = make_course(modules=1, lessons=1, body=body)
    lesson = lessons_of(course)[0]

    page = login(learner)
    page.goto(f"{live_server.url}{lesson.url}")
    check = page.get_by_test_id("knowledge-check")
    expect(check).to_contain_text("学完本课，做个小测验。")
    check.get_by_role("link").click()

    expect(page.locator("h1")).to_have_text("引言练习")
    page.get_by_test_id("start-attempt").click()
    attempt = Attempt.objects.get(quiz__slug="kc-module-1", user=learner)
    for aq in AttemptQuestion.objects.filter(attempt=attempt):
        for key in aq.correct:
            page.locator(f"input[name='q{aq.position}-choice'][value='{key}']").check()
    page.get_by_test_id("to-summary").click()
    page.get_by_test_id("submit-attempt").click()

    expect(page.get_by_test_id("attempt-result")).to_be_visible()
    expect(page.get_by_test_id("attempt-score")).to_contain_text("2 / 2")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED

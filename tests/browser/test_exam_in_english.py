"""An exam read in English in the browser (issue 14): an attempt started on a Chinese page
reads in English after the learner switches language, on a phone and on a desktop, without
horizontal scrolling, and its result names the modules in English."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from exams.models import Attempt, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_submit
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION_EN = "After a customer reports a fault, what should the after-sales engineer do first?"


def make_quiz(owner):
    course = CategoryFactory(name="售后工程师考核课程", name_en="After-sales engineer course")
    module = CategoryFactory(
        name="02 售后工程师的角色与职责",
        name_en="02 Roles and responsibilities of the after-sales engineer",
        parent=course,
    )
    question = QuestionFactory(
        category=module,
        text="售后工程师在接到客户报修后，第一步应当做什么？",
        text_en=QUESTION_EN,
        explanation="先了解故障现象并记录。",
        explanation_en="First understand the symptoms and record them.",
        points=Decimal("2"),
        choices=[
            ("详细了解故障现象并做好记录", True, "Understand and record the symptoms"),
            ("立即派人到现场更换零件", False, "Immediately send someone to replace parts"),
        ],
    )
    return quiz_with(
        [question],
        owner=owner,
        slug="roles-check",
        kind=Quiz.Kind.PRACTICE,
        title="知识检测：角色与职责",
        title_en="Knowledge check: roles and responsibilities",
        review_answers_immediately=True,
        review_explanations_immediately=True,
    )


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_attempt_started_in_chinese_reads_in_english(live_server, login, learner, trainer):
    quiz = make_quiz(trainer)
    page = login(learner)
    page.context.add_cookies([{"name": "lms_language", "value": "zh-hans", "url": live_server.url}])
    page.goto(f"{live_server.url}/quizzes/{quiz.slug}/")
    page.get_by_test_id("start-attempt").click()
    expect(page.get_by_test_id("question-1")).to_contain_text("第一步应当做什么")
    attempt = Attempt.objects.get(quiz=quiz, user=learner)

    page.context.add_cookies([{"name": "lms_language", "value": "en", "url": live_server.url}])
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/attempts/{attempt.pk}/page/1/")
        expect(page.get_by_test_id("question-1")).to_contain_text(QUESTION_EN)
        expect(page.get_by_test_id("question-1")).not_to_contain_text("第一步")
        no_horizontal_scroll(page)

    aq = attempt.questions.get()
    answers_save(attempt=attempt, answers=[AnswerInput(aq.position, 0, keys=tuple(aq.correct))])
    attempt_submit(attempt=attempt)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/attempts/{attempt.pk}/result/")
        expect(page.get_by_test_id("points-by-category")).to_contain_text(
            "02 Roles and responsibilities of the after-sales engineer"
        )
        expect(page.get_by_test_id("review-1")).to_contain_text("record them.")
        expect(page.locator("main")).not_to_contain_text("Chinese only")
        no_horizontal_scroll(page)

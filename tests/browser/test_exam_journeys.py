"""Browser journeys of the quiz engine: a timed certification exam, and marking an essay."""

from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from exams.models import Attempt, AttemptQuestion, Question, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_exam(owner):
    category = CategoryFactory(name="模块二")
    questions = [
        QuestionFactory(category=category, text="售后工作流程的第一步是？", points=Decimal("2")),
        QuestionFactory(
            category=category,
            kind=Question.Kind.MULTIPLE,
            scoring=Question.Scoring.PARTIAL,
            text="售后工程师的职责包括？",
            choices=[("安装调试", True), ("定期回访", True), ("制定预算", False)],
            points=Decimal("2"),
        ),
        QuestionFactory(
            category=category,
            kind=Question.Kind.TRUE_FALSE,
            text="远程指导也是解决问题的方式。",
            true_false_answer=True,
        ),
        QuestionFactory(category=category, text="维修完成后应当？", points=Decimal("1")),
    ]
    return quiz_with(
        questions,
        owner=owner,
        slug="ase-l1-certification",
        title="售后工程师一级认证考试",
        time_limit_minutes=45,
        attempts_allowed=2,
        pass_mark=Decimal("60"),
        layout=Quiz.Layout.ONE_PER_PAGE,
    )


def wait_saved(page):
    expect(page.get_by_test_id("save-status")).to_contain_text("已保存")


def pick_right(page, aq):
    for key in aq.correct:
        page.locator(f"input[name='q{aq.position}-choice'][value='{key}']").check()


def test_learner_takes_a_timed_exam_leaves_comes_back_and_sees_the_result(
    live_server, login, learner, trainer, browser
):
    exam = make_exam(trainer)
    page = login(learner)
    page.goto(f"{live_server.url}/quizzes/{exam.slug}/")
    expect(page.locator("h1")).to_have_text("售后工程师一级认证考试")
    page.get_by_test_id("start-attempt").click()

    attempt = Attempt.objects.get(quiz=exam, user=learner)
    rows = {aq.position: aq for aq in AttemptQuestion.objects.filter(attempt=attempt)}
    expect(page.get_by_test_id("timer")).to_contain_text("44:")

    # Question 1: answered with the mouse, saved by the autosave script.
    expect(page.get_by_test_id("question-1")).to_be_visible()
    pick_right(page, rows[1])
    wait_saved(page)
    page.get_by_test_id("next").click()
    # Question 2: answered, flagged, then the learner leaves (closes the tab) mid-way.
    pick_right(page, rows[2])
    page.get_by_test_id("flag-2").check()
    wait_saved(page)
    page.close()

    # Later, in a new tab: the quiz offers to continue; the attempt resumes on question 2.
    context = page.context
    page = context.new_page()
    page.goto(f"{live_server.url}/quizzes/{exam.slug}/")
    page.get_by_test_id("resume-attempt").click()
    expect(page.get_by_test_id("question-2")).to_be_visible()
    for key in rows[2].correct:
        expect(page.locator(f"input[name='q2-choice'][value='{key}']")).to_be_checked()
    expect(page.get_by_test_id("flag-2")).to_be_checked()
    expect(page.locator("[data-nav-position='1']")).to_have_class("nav-q is-answered")

    # Questions 3 and 4 without waiting for the autosave: the buttons save too.
    page.get_by_test_id("next").click()
    pick_right(page, rows[3])
    page.get_by_test_id("next").click()
    expect(page.get_by_test_id("question-4")).to_be_visible()
    page.get_by_test_id("to-summary").click()
    expect(page.get_by_test_id("summary-counts")).to_contain_text("1")
    page.get_by_test_id("submit-attempt").click()

    expect(page.get_by_test_id("attempt-result")).to_be_visible()
    expect(page.get_by_test_id("attempt-score")).to_contain_text("5 / 6")
    expect(page.get_by_test_id("attempt-passed")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and not attempt.auto_submitted


def test_trainer_marks_an_essay_and_the_learner_is_told(live_server, login, learner, trainer):
    category = CategoryFactory(name="综合论述")
    essay_q = QuestionFactory(
        category=category,
        kind=Question.Kind.ESSAY,
        text="请简述四阶段问题解决方法。",
        points=Decimal("10"),
        explanation="要点：识别定义、原因分析、方案制定、实施跟踪。",
    )
    exam = quiz_with([essay_q], owner=trainer, slug="essay-exam", title="论述考试")
    attempt = attempt_start(quiz=exam, user=learner)
    answers_save(
        attempt=attempt,
        answers=[AnswerInput(1, 0, essay="先明确问题，再用鱼骨图分析原因……")],
    )
    attempt_submit(attempt=attempt)

    page = login(trainer)
    page.goto(f"{live_server.url}/dashboard/trainer/")
    expect(page.get_by_test_id("panel-exam-marking")).to_contain_text("1")
    page.get_by_test_id("panel-exam-marking").get_by_role("link", name="批改队列").click()
    expect(page.get_by_test_id("marking-queue")).to_contain_text("论述考试")
    page.get_by_test_id("marking-queue").locator("a.button").first.click()
    expect(page.get_by_test_id("essay-answer")).to_contain_text("鱼骨图")
    page.locator("input[name=points]").fill("12")
    page.get_by_test_id("save-mark").click()
    expect(page.locator(".error")).to_be_visible()  # more than the question's 10 points
    page.locator("input[name=points]").fill("8")
    page.locator("textarea[name=feedback]").fill("思路清晰，建议补充实施计划。")
    page.get_by_test_id("save-mark").click()
    expect(page.locator(".messages")).to_contain_text("80")
    expect(page.get_by_test_id("marking-queue")).not_to_contain_text("论述考试")

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.percent == Decimal("80.00")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [learner.email]


def test_an_answer_given_before_the_script_arrives_is_saved(live_server, login, learner, trainer):
    """On a slow phone the question page is usable before its deferred script has run."""
    exam = make_exam(trainer)
    attempt = attempt_start(quiz=exam, user=learner)
    first = AttemptQuestion.objects.get(attempt=attempt, position=1)
    page = login(learner)
    held = []
    page.route("**/js/exam.js", lambda route: held.append(route))  # in flight until released

    page.goto(f"{live_server.url}/attempts/{attempt.pk}/page/1/", wait_until="commit")
    pick_right(page, first)
    assert len(held) == 1
    held[0].continue_()

    wait_saved(page)
    first.refresh_from_db()
    assert sorted(first.response) == sorted(first.correct)

"""The contract other apps rely on: exams.api."""

from decimal import Decimal as D

import pytest

from exams import api
from exams.models import Question, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from tests.exams.factories import quiz_with, sit_exam
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def sit(quiz, user, right: bool):
    attempt = attempt_start(quiz=quiz, user=user)
    answers = [
        AnswerInput(
            aq.position,
            0,
            keys=tuple(aq.correct if right else []),
        )
        for aq in attempt.questions.exclude(kind=Question.Kind.ESSAY)
    ]
    answers_save(attempt=attempt, answers=answers)
    return attempt_submit(attempt=attempt)


def test_quiz_link_for_a_published_quiz(exam, questions):
    link = api.quiz_link(slug=exam.slug)
    assert link == api.QuizLink(
        slug="exam", title="认证考试", url="/quizzes/exam/", kind="certification"
    )
    practice = quiz_with(questions[:1], slug="kc-1", kind=Quiz.Kind.PRACTICE, title="知识检测")
    assert api.quiz_link(slug="kc-1").kind == "practice"
    practice.draft = True
    practice.save()
    assert api.quiz_link(slug="kc-1") is None
    assert api.quiz_link(slug="missing") is None


def test_certification_exams_are_published_certifications(exam, questions):
    quiz_with(questions[:1], slug="kc", kind=Quiz.Kind.PRACTICE)
    quiz_with(questions[:1], slug="draft-exam", draft=True)
    assert api.certification_exams() == [api.QuizRef(slug="exam", title="认证考试")]


def test_exam_results_under_the_grading_method(objective_exam, learner, other_learner):
    sit(objective_exam, learner, right=False)
    sit(objective_exam, learner, right=True)
    result = api.exam_result(user_id=learner.pk, quiz_slug=objective_exam.slug)
    assert result == api.ExamResult(
        user_id=learner.pk,
        quiz_slug="objective",
        percent=D("100.00"),
        passed=True,
        graded_attempts=2,
        pending_marking=False,
    )
    objective_exam.grading_method = Quiz.GradingMethod.AVERAGE
    objective_exam.save()
    assert api.exam_result(user_id=learner.pk, quiz_slug="objective").percent == D("50.00")
    assert api.exam_result(user_id=learner.pk, quiz_slug="objective").passed is False
    none = api.exam_result(user_id=other_learner.pk, quiz_slug="objective")
    assert (none.percent, none.passed, none.graded_attempts) == (None, None, 0)


def test_pending_marking_and_in_progress_do_not_count(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    answers_save(attempt=attempt, answers=[AnswerInput(essay.position, 0, essay="论述")])
    assert api.exam_result(user_id=learner.pk, quiz_slug="exam").graded_attempts == 0
    attempt_submit(attempt=attempt)
    result = api.exam_result(user_id=learner.pk, quiz_slug="exam")
    assert result.pending_marking is True and result.percent is None


@pytest.mark.parametrize(
    ("method", "final", "pending", "provisional"),
    [
        (Quiz.GradingMethod.HIGHEST, True, False, True),
        (Quiz.GradingMethod.FIRST, True, False, False),
        (Quiz.GradingMethod.LAST, False, True, False),
        (Quiz.GradingMethod.AVERAGE, False, True, False),
    ],
)
def test_a_retake_awaiting_marking_under_each_grading_method(
    exam, learner, trainer, method, final, pending, provisional
):
    exam.grading_method = method
    exam.save()
    first = sit_exam(exam, learner, right=True, marker=trainer)
    assert first.state == "graded" and first.passed
    second = sit_exam(exam, learner, right=False)
    assert second.state == "submitted"
    result = api.exam_result(user_id=learner.pk, quiz_slug="exam")
    assert result == api.ExamResult(
        user_id=learner.pk,
        quiz_slug="exam",
        percent=first.percent if final else None,
        passed=True if final else None,
        graded_attempts=1,
        pending_marking=pending,
        provisional=provisional,
        awaiting_marking=(2,),
    )


def test_every_pair_asked_has_an_entry(exam, learner):
    results = api.exam_results(user_ids=[learner.pk, 999999], quiz_slugs=["exam", "nope"])
    assert set(results) == {
        (learner.pk, "exam"),
        (learner.pk, "nope"),
        (999999, "exam"),
        (999999, "nope"),
    }
    assert results[(999999, "nope")].percent is None


def test_exam_results_run_a_constant_number_of_queries(
    objective_exam, django_assert_max_num_queries
):
    few = [LearnerFactory() for _ in range(2)]
    many = few + [LearnerFactory() for _ in range(10)]
    for user in many:
        sit(objective_exam, user, right=True)
    with django_assert_max_num_queries(2):
        api.exam_results(user_ids=[u.pk for u in few], quiz_slugs=["objective"])
    with django_assert_max_num_queries(2):
        results = api.exam_results(user_ids=[u.pk for u in many], quiz_slugs=["objective", "x"])
    assert len(results) == 24
    assert all(results[(u.pk, "objective")].passed for u in many)


def test_results_are_frozen_values(exam, learner):
    result = api.exam_result(user_id=learner.pk, quiz_slug="exam")
    with pytest.raises(AttributeError):
        result.percent = D("100")


def test_quiz_titles_name_every_known_slug_in_one_query(django_assert_num_queries):
    quiz_with([], slug="final", title="期末考试")
    quiz_with([], slug="old", title="旧考试", draft=True)  # a scheme may still name a draft
    with django_assert_num_queries(1):
        titles = api.quiz_titles(slugs=["final", "old", "nope", "final"])
    assert titles == {"final": "期末考试", "old": "旧考试"}
    with django_assert_num_queries(0):
        assert api.quiz_titles(slugs=[]) == {}


def test_quiz_titles_are_in_the_active_language_a_fallback_flagged(english):
    quiz_with([], slug="final", title="期末考试", title_en="Final exam")
    quiz_with([], slug="old", title="旧考试")
    titles = api.quiz_titles(slugs=["final", "old"])
    assert titles == {"final": "Final exam", "old": "旧考试"}
    assert (titles["final"].fallback, titles["old"].fallback) == (False, True)
    assert api.quiz_link(slug="final").title == "Final exam"
    assert {ref.title for ref in api.certification_exams()} == {"Final exam", "旧考试"}

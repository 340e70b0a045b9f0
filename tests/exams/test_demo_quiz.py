"""The demo bank, knowledge checks and certification exam (load_demo_data)."""

import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from exams import api, item_analysis
from exams.demo import EXAM_ONLY_BANK
from exams.models import Attempt, AttemptQuestion, Question, Quiz, QuizQuestion
from exams.selectors import exposure as selectors

pytestmark = pytest.mark.django_db

EXAM_ONLY_TEXTS = [item[1] for items in EXAM_ONLY_BANK.values() for item in items]


@pytest.fixture
def demo():
    call_command("load_demo_data", "--force", stdout=io.StringIO())


def test_demo_bank_covers_every_module_with_essays(demo):
    assert Question.objects.count() >= 40
    assert Question.objects.filter(kind="essay").count() >= 4
    for module in ("引言", "角色与职责", "方法论", "考核方案"):
        assert Question.objects.filter(category__full_name__contains=module).count() >= 9
    for slug in ("technical_ability", "service_attitude", "teamwork", "work_efficiency"):
        assert Question.objects.filter(tags__slug=slug).exists()


def test_demo_quizzes(demo):
    for n in range(1, 5):
        link = api.quiz_link(slug=f"kc-module-{n}")
        assert link is not None and link.kind == "practice"
    exam = Quiz.objects.get(slug="ase-l1-certification")
    assert (exam.time_limit_minutes, exam.attempts_allowed, exam.grading_method) == (
        45,
        2,
        "highest",
    )
    assert exam.pass_mark == 60
    assert sum(exam.draws.values_list("count", flat=True)) == 30
    assert api.certification_exams() == [api.QuizRef(exam.slug, exam.title)]


def test_demo_learners_have_graded_attempts_some_failing_one_essay_to_mark(demo):
    User = get_user_model()
    learners = list(User.objects.filter(groups__name="Learner"))
    results = api.exam_results(
        user_ids=[u.pk for u in learners], quiz_slugs=["ase-l1-certification"]
    )
    graded = [r for r in results.values() if r.graded_attempts]
    assert len(graded) >= 9
    assert any(r.passed for r in graded) and any(r.passed is False for r in graded)
    pending = AttemptQuestion.objects.filter(
        kind="essay", marked_at__isnull=True, attempt__state="submitted"
    )
    assert pending.count() == 1
    assert all(
        a.questions.count() == 30 for a in Attempt.objects.filter(quiz__slug="ase-l1-certification")
    )


def test_demo_is_idempotent(demo):
    counts = (Question.objects.count(), Quiz.objects.count(), Attempt.objects.count())
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    assert (Question.objects.count(), Quiz.objects.count(), Attempt.objects.count()) == counts


def test_the_demo_bank_does_not_write_right_answers_first(demo):
    """Issue 12: authors wrote the right answer first, so the first choice was a tell. Now the
    share of questions whose first written choice is right is about what chance gives."""
    questions = Question.objects.filter(kind__in=["single", "multiple"])
    bias = item_analysis.position_bias(
        [[c.is_correct for c in q.choices.order_by("sort_order", "pk")] for q in questions]
    )
    assert bias.questions >= 30
    assert bias.share < 50, bias
    assert bias.share <= bias.expected + 10, bias


def test_the_certification_exam_never_draws_a_knowledge_check_question(demo):
    exam = Quiz.objects.get(slug="ase-l1-certification")
    checks = Quiz.objects.filter(slug__startswith="kc-module-")
    assert checks.count() == 4 and all(q.review_answers_immediately for q in checks)
    assert not checks.filter(draws__isnull=False).exists()  # their questions are all fixed
    check_questions = set(
        QuizQuestion.objects.filter(quiz__in=checks).values_list("question_id", flat=True)
    )
    assert not exam.allow_exposed_questions
    exposure = selectors.quiz_exposure(exam)
    drawable = exposure.drawable(exclude_exposed=True)
    assert drawable.isdisjoint(check_questions)
    assert len(drawable) >= 40
    assert selectors.pool_shortfalls(exposure, exclude_exposed=True) == []
    drawn = set(
        AttemptQuestion.objects.filter(attempt__quiz=exam).values_list("question_ref", flat=True)
    )
    assert drawn and drawn.isdisjoint(check_questions)


def test_exam_only_questions_do_not_put_the_right_answer_first(demo):
    positions = []
    for question in Question.objects.filter(text__in=EXAM_ONLY_TEXTS, kind="single"):
        choices = list(question.choices.order_by("sort_order"))
        positions.append(next(i for i, c in enumerate(choices) if c.is_correct))
    assert len(positions) >= 12
    counts = Counter(positions)
    assert set(counts) == {0, 1, 2, 3}
    assert counts[0] <= len(positions) // 4

"""The demo bank, knowledge checks and certification exam (load_demo_data)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from exams import api, item_analysis
from exams.models import Attempt, AttemptQuestion, Question, Quiz

pytestmark = pytest.mark.django_db


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

"""Fixtures of the quiz engine tests: a small certification exam and its people."""

from decimal import Decimal

import pytest

from exams.models import Question
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with
from tests.factories import LearnerFactory, TrainerFactory


@pytest.fixture
def category(db):
    return CategoryFactory(name="模块一")


@pytest.fixture
def questions(category):
    """A single choice, a multiple choice (partial credit), a true/false and an essay."""
    return [
        QuestionFactory(category=category, points=Decimal("2")),
        QuestionFactory(
            category=category,
            kind=Question.Kind.MULTIPLE,
            scoring=Question.Scoring.PARTIAL,
            points=Decimal("3"),
            choices=[("甲", True), ("乙", True), ("丙", False), ("丁", False)],
        ),
        QuestionFactory(category=category, kind=Question.Kind.TRUE_FALSE, true_false_answer=False),
        QuestionFactory(category=category, kind=Question.Kind.ESSAY, points=Decimal("4")),
    ]


@pytest.fixture
def exam(questions, trainer):
    return quiz_with(questions, owner=trainer, slug="exam", title="认证考试")


@pytest.fixture
def objective_exam(questions, trainer):
    """The same exam without the essay: graded as soon as it is submitted."""
    return quiz_with(questions[:3], owner=trainer, slug="objective", title="客观题考试")


@pytest.fixture
def other_learner(db):
    return LearnerFactory(username="learner02", display_name="李娜")


@pytest.fixture
def other_trainer(db):
    return TrainerFactory(username="trainer2", display_name="周讲师")

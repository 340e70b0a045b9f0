"""A program that counts an exam with an essay (50 %) and the job (50 %): the learner's essay
was marked 0 of 4 by the first trainer, so the exam is 60 % and the total 0.5 × 60 + 0.5 × 75
= 67.5 (certified, "pass"); a re-mark of 4 makes the exam 100 % and the total 87.5 ("good")."""

from decimal import Decimal as D

import pytest

from assessment.services.scorecards import scorecard_finalise
from certificates import issuing
from exams.models import Question
from exams.services.marking import essay_mark
from tests.assessment.factories import make_program, put_metrics, scheme_file
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with, sit_exam
from tests.factories import TrainerFactory

FIRST_FEEDBACK = "第一次评分的意见：答案缺少步骤"


@pytest.fixture(autouse=True)
def _private_files(private_files):
    return private_files


@pytest.fixture
def exam(trainer):
    category = CategoryFactory(name="模块一")
    questions = [
        QuestionFactory(category=category, points=D("6")),
        QuestionFactory(category=category, kind=Question.Kind.ESSAY, points=D("4")),
    ]
    return quiz_with(questions, owner=trainer, slug="exam", title="认证考试")


@pytest.fixture
def program(exam):
    data = scheme_file(components={"exam": 50, "practice": 0, "on_the_job": 50}, exams=["exam"])
    return make_program(data=data)[0]


@pytest.fixture
def attempt(program, exam, learner, trainer):
    """The learner's exam: choices right (6), the essay marked 0 of 4 by ``trainer``."""
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4)
    attempt = sit_exam(exam, learner, right=True)
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    attempt = essay_mark(answer=essay, marker=trainer, points=D("0"), feedback=FIRST_FEEDBACK)
    assert (attempt.state, attempt.percent) == ("graded", D("60.00"))
    return attempt


@pytest.fixture
def scorecard(attempt, program, learner):
    card, _created = scorecard_finalise(
        program=program, period="2026-Q3", user_id=learner.pk, by=None
    )
    assert (card.status, card.total, card.grade) == ("certified", D("67.50"), "pass")
    return card


@pytest.fixture
def certificate(scorecard):
    return issuing.certificate_issue(scorecard=scorecard).certificate


@pytest.fixture
def second_trainer(db):
    return TrainerFactory(username="trainer2", display_name="赵复核")

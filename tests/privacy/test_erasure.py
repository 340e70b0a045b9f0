"""Erasure on small data: an erased trainer's marks stay with the anonymous record, copies of
their name elsewhere (other people's inboxes, Wagtail's history labels) are rewritten, and the
handlers other apps register run with the same dry-run flag."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from exams.models import Question
from exams.services.attempts import attempt_start
from notifications.models import Notification
from privacy import services
from privacy.api import _erasure_handlers, register_erasure_handler
from tests.exams.factories import QuestionFactory, quiz_with
from tests.factories import LearnerFactory, TrainerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked():
    trainer = TrainerFactory(display_name="周老师", employee_id="T2001")
    learner = LearnerFactory()
    quiz = quiz_with([QuestionFactory(kind=Question.Kind.ESSAY, points=5)])
    attempt = attempt_start(quiz=quiz, user=learner)
    attempt.questions.update(essay="答案", feedback="周老师的评语", score=3, marked_by=trainer)
    Notification.objects.create(
        recipient=learner, event="exams.graded", item="1", title="周老师已批改你的问答题"
    )
    ModelLogEntry.objects.log_action(trainer, "wagtail.edit", user=trainer)
    return trainer, learner, attempt


def test_an_erased_trainers_marks_stay_attributed_and_their_name_goes_everywhere(marked):
    trainer, learner, attempt = marked
    services.erase_person(trainer, reason="离职后本人申请")
    answer = attempt.questions.get()
    assert answer.marked_by_id == trainer.pk and answer.score == 3
    assert answer.feedback == "" and answer.essay == "答案"  # the learner's essay is theirs
    label = f"已注销人员 #{trainer.pk}"
    assert Notification.objects.get(recipient=learner).title == f"{label}已批改你的问答题"
    assert not ModelLogEntry.objects.filter(label__contains="周老师").exists()
    trainer.refresh_from_db()
    assert str(trainer) == label


def test_registered_erasure_handlers_run_with_the_dry_run_flag(marked):
    trainer, _learner, _attempt = marked
    calls = []

    def appeals_text(person, *, dry_run):
        calls.append((person.pk, dry_run))
        return {"appeals.reasons": 2}

    register_erasure_handler(appeals_text)
    try:
        report = services.erase_person(trainer, reason="本人申请", dry_run=True)
        assert report.changes["appeals.reasons"] == 2
        services.erase_person(trainer, reason="本人申请")
    finally:
        _erasure_handlers.remove(appeals_text)
    assert calls == [(trainer.pk, True), (trainer.pk, False)]


def test_the_reasons_of_a_persons_deadline_overrides_go_and_their_dates_stay():
    from datetime import timedelta

    from django.utils import timezone

    from assignments.models import DeadlineOverride
    from tests.assignments.factories import assign
    from tests.exams.factories import QuizFactory

    learner, other = LearnerFactory.create_batch(2)
    assignment = assign(QuizFactory(), people=[learner, other])
    due = timezone.now() + timedelta(days=20)
    for person in (learner, other):
        DeadlineOverride.objects.create(
            assignment=assignment, user=person, due_at=due, reason="住院治疗"
        )

    report = services.erase_person(learner, reason="本人申请", dry_run=True)
    assert report.changes["assignments.override_reasons"] == 1
    services.erase_person(learner, reason="本人申请")
    mine, theirs = (DeadlineOverride.objects.get(user=p) for p in (learner, other))
    assert (mine.reason, mine.due_at) == ("", due)
    assert theirs.reason == "住院治疗"

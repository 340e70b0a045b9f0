"""Marking essays through the services (``services.marking``)."""

from decimal import Decimal as D

import pytest
from django.core import mail
from django.utils import translation

from exams.models import Attempt, Question
from exams.services.attempts import (
    attempt_start,
    attempt_submit,
)
from exams.services.marking import essay_mark
from tests.exams.factories import (
    answer,
    by_kind,
)

pytestmark = pytest.mark.django_db


# --- Marking ----------------------------------------------------------------------------------


def _submitted_with_essay(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    answer(attempt, single, keys=tuple(single.correct))
    answer(attempt, by_kind(attempt, Question.Kind.ESSAY), essay="我的论述")
    return attempt_submit(attempt=attempt)


def test_marking_the_last_essay_grades_and_emails(
    exam, learner, trainer, django_capture_on_commit_callbacks
):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    with django_capture_on_commit_callbacks(execute=True):
        graded = essay_mark(answer=essay, marker=trainer, points=D("3.5"), feedback="好")
    assert graded.state == Attempt.State.GRADED
    assert graded.score == D("5.50")  # 2 + 3.5
    assert graded.percent == D("55.00")
    assert graded.passed is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]
    assert f"/attempts/{attempt.pk}/result/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("saved", "marker_language", "subject_start"),
    [("en", "zh-hans", "Your result for"), ("zh-hans", "en", "你的“")],
)
def test_the_graded_email_is_in_the_learners_saved_language(
    exam,
    learner,
    trainer,
    django_capture_on_commit_callbacks,
    saved,
    marker_language,
    subject_start,
):
    learner.language = saved
    learner.save(update_fields=["language"])
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    # The trainer marks on a page in the other language.
    with translation.override(marker_language), django_capture_on_commit_callbacks(execute=True):
        essay_mark(answer=essay, marker=trainer, points=D("3.5"), feedback="")
    assert mail.outbox[0].subject.startswith(subject_start)


def test_marks_outside_the_range_are_refused(exam, learner, trainer):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    with pytest.raises(ValueError):
        essay_mark(answer=essay, marker=trainer, points=D("4.01"), feedback="")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


def test_an_essay_cannot_be_marked_before_submit(exam, learner, trainer):
    attempt = attempt_start(quiz=exam, user=learner)
    with pytest.raises(ValueError):
        essay_mark(
            answer=by_kind(attempt, Question.Kind.ESSAY), marker=trainer, points=D("1"), feedback=""
        )


def test_remarking_regrades_without_a_second_email(
    exam, learner, trainer, django_capture_on_commit_callbacks
):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    with django_capture_on_commit_callbacks(execute=True):
        essay_mark(answer=essay, marker=trainer, points=D("1"), feedback="")
        regraded = essay_mark(answer=essay, marker=trainer, points=D("4"), feedback="")
    assert regraded.score == D("6.00") and regraded.passed is True
    assert len(mail.outbox) == 1


def test_the_graded_attempt_reaches_the_learners_inbox_once(
    exam, learner, trainer, django_capture_on_commit_callbacks
):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    with django_capture_on_commit_callbacks(execute=True):
        essay_mark(answer=essay, marker=trainer, points=D("3.5"), feedback="好")
    with django_capture_on_commit_callbacks(execute=True):
        essay_mark(answer=essay, marker=trainer, points=D("4"), feedback="改分")
    notification = learner.notifications.get()
    assert notification.event == "exam_graded" and notification.title == exam.title
    assert notification.url == f"/attempts/{attempt.pk}/result/"
    assert len(mail.outbox) == 1

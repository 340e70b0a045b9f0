"""The quiz engine's decisions in the audit trail (decision 1000): an essay marked, an
accommodation granted with its reason; and staff reading a learner's answers in the access log."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from audit.api import ReasonRequired
from audit.models import Chain, Entry
from exams.models import Accommodation, Question
from exams.services.accommodations import accommodation_grant
from exams.services.attempts import attempt_start, attempt_submit
from exams.services.marking import essay_mark
from tests.exams.factories import answer, by_kind

pytestmark = pytest.mark.django_db


def _submitted_with_essay(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    answer(attempt, single, keys=tuple(single.correct))
    answer(attempt, by_kind(attempt, Question.Kind.ESSAY), essay="我的论述")
    return attempt_submit(attempt=attempt)


def test_marking_an_essay_and_changing_the_mark_are_recorded(exam, learner, trainer):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    essay_mark(answer=essay, marker=trainer, points=D("3.5"), feedback="好")
    essay_mark(answer=essay, marker=trainer, points=D("4"), feedback="更好")
    first, second = Entry.objects.filter(action="exams.mark_finalised").order_by("sequence")
    assert (first.actor, first.subject, first.object_id) == (trainer, learner, str(attempt.pk))
    assert first.before == {} and first.after["score"] == "3.50"
    assert second.before == {"score": "3.50"} and second.after["score"] == "4.00"


def test_an_accommodation_grant_is_recorded_with_its_reason_and_refused_without_one(
    objective_exam, learner, trainer
):
    row = Accommodation(quiz=objective_exam, user=learner, extra_attempts=1, reason="")
    with pytest.raises(ReasonRequired):
        accommodation_grant(accommodation=row, by=trainer)
    assert not Accommodation.objects.exists()
    row = Accommodation(quiz=objective_exam, user=learner, extra_attempts=1, reason="工伤恢复期")
    accommodation_grant(accommodation=row, by=trainer)
    entry = Entry.objects.get(action="exams.accommodation_granted")
    assert (entry.actor, entry.subject, entry.reason) == (trainer, learner, "工伤恢复期")
    assert entry.after["extra_attempts"] == 1 and entry.object_id == str(row.pk)
    assert row.granted_by == trainer and row.granted_at <= timezone.now()


def test_the_cms_grant_goes_through_the_service(trainer_client, trainer, learner, objective_exam):
    data = {"quiz": objective_exam.pk, "user": learner.pk, "unit": "", "extra_attempts": "1"}
    data |= {"extra_minutes": "", "extra_percent": "", "open_at": "", "close_at": ""}
    trainer_client.cookies["lms_language"] = "en"
    with translation.override("en"):
        refused = trainer_client.post("/cms/exams/accommodations/new/", {**data, "reason": ""})
        assert "This field is required." in refused.content.decode()
        trainer_client.post("/cms/exams/accommodations/new/", {**data, "reason": "出差"})
    entry = Entry.objects.get(action="exams.accommodation_granted")
    assert (entry.reason, entry.subject, entry.address) == ("出差", learner, "127.0.0.1")


def test_staff_reading_answers_is_in_the_access_log_and_the_learner_reading_theirs_is_not(
    exam, learner, trainer, client
):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    client.force_login(trainer)
    assert client.get(reverse("exams:staff_attempt_detail", args=[attempt.pk])).status_code == 200
    assert client.get(reverse("exams:marking_essay", args=[essay.pk])).status_code == 200
    viewed = Entry.objects.filter(chain=Chain.ACCESS, action="access.viewed")
    assert [(e.actor, e.subject, e.object_id) for e in viewed] == [
        (trainer, learner, str(attempt.pk))
    ] * 2
    client.force_login(learner)
    client.get(reverse("exams:attempt_result", args=[attempt.pk]))
    assert viewed.count() == 2

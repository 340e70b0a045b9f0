"""Recertification: a program's renewal window assigns the renewal path once per certificate,
due the day the certificate expires; the certificate pages say "renewal due by"."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from assignments import reminders
from assignments.models import Assignment, RenewalPolicy
from assignments.notices import ASSIGNED
from certificates.models import Certificate
from tests.certificates.factories import issued
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def expiring(learner, program, days: int) -> Certificate:
    certificate = issued(learner, program)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() + timedelta(days=days)
    )
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def exam_policy(program):
    return RenewalPolicy.objects.create(
        program=program, window_days=60, path=RenewalPolicy.Path.EXAM, quiz=QuizFactory()
    )


def test_a_certificate_entering_its_window_is_renewed_once_due_on_its_expiry(
    learner, program, exam_policy
):
    certificate = expiring(learner, program, days=50)
    far = expiring(LearnerFactory(), program, days=90)
    sent = reminders.send_reminders(now=timezone.now())
    renewal = Assignment.objects.get()
    assert renewal.renewal_of_id == certificate.pk
    assert (renewal.kind, renewal.quiz) == (Assignment.Kind.EXAM, exam_policy.quiz)
    assert list(renewal.people.all()) == [learner]
    assert timezone.localdate(renewal.due_at) == certificate.valid_until
    assert {(r.username, r.event, r.item) for r in sent if r.channel == "inbox"} == {
        (learner.username, ASSIGNED, f"assignment:{renewal.pk}")
    }
    assert reminders.send_reminders(now=timezone.now()) == []
    assert Assignment.objects.count() == 1
    assert not Assignment.objects.filter(renewal_of=far).exists()


def test_a_program_renewal_is_to_do_until_a_newer_certificate_is_issued(learner, program):
    RenewalPolicy.objects.create(program=program, window_days=60, path="program")
    certificate = expiring(learner, program, days=10)
    reminders.send_reminders(now=timezone.now())
    renewal = Assignment.objects.get(renewal_of=certificate)
    assert renewal.kind == Assignment.Kind.PROGRAM
    # The certificate being renewed does not count as the renewal itself.
    assert learner.notifications.filter(event=ASSIGNED).count() == 1


def test_a_dry_run_names_the_renewal_it_would_assign_and_creates_nothing(
    learner, program, exam_policy
):
    certificate = expiring(learner, program, days=50)
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert {
        "employee_id": learner.employee_id,
        "event": ASSIGNED,
        "item": f"assignment:new:certificate:{certificate.pk}",
        "channel": "inbox",
    } in rows
    assert not Assignment.objects.exists()
    assert not learner.notifications.exists()


def test_send_reminders_sends_the_certificate_expiry_reminders_too(learner, program):
    certificate = expiring(learner, program, days=20)
    sent = reminders.send_reminders(now=timezone.now())
    assert ("certificate_expiring", f"certificate:{certificate.pk}", "inbox") in {
        (r.event, r.item, r.channel) for r in sent
    }
    assert list(
        learner.notifications.filter(event="certificate_expiring").values_list("stage", flat=True)
    ) == ["30"]
    # The command of its own still works and finds nothing more to send.
    out = io.StringIO()
    call_command("send_expiry_reminders", "--days", "30", stdout=out)
    assert "0 reminders sent." in out.getvalue()


def test_the_certificate_pages_show_when_the_renewal_is_due(
    client, learner, assessor, program, exam_policy
):
    certificate = expiring(learner, program, days=50)
    date = f"{certificate.valid_until:%Y-%m-%d}"
    client.cookies["lms_language"] = "en"
    client.force_login(learner)
    with translation.override("en"):
        assert f"Renewal due by {date}" not in client.get("/certificates/").content.decode()
        reminders.send_reminders(now=timezone.now())
        assert f"Renewal due by {date}" in client.get("/certificates/").content.decode()
        client.force_login(assessor)
        page = client.get(f"/assessment/certificates/{certificate.serial}/").content.decode()
        assert f"Renewal due by {date}" in page


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [("en", "The renewal of your certificate", "证书续证"), ("zh-hans", "证书续证", "renewal")],
)
def test_the_learner_reads_what_a_renewal_is_for_in_their_language(
    client, learner, program, exam_policy, language, shown, not_shown
):
    expiring(learner, program, days=50)
    reminders.send_reminders(now=timezone.now())
    assert Assignment.objects.get().note == ""  # nothing stored in one language or both
    client.force_login(learner)
    client.cookies["lms_language"] = language
    html = client.get("/dashboard/learner/").content.decode()
    todo = html[html.index('data-testid="panel-todo"') :]
    note = todo[todo.index('class="todo-note"') :]
    note = note[: note.index("</p>")]
    assert shown in note and not_shown not in note

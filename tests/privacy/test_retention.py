"""apply_retention: what is past its period is anonymised or deleted and reported; a dry run
changes nothing; nothing happens without a period."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.api import Entry, record_access
from exams.models import Attempt, AttemptQuestion, Question
from exams.services.attempts import attempt_start
from privacy.models import LegalHold
from tests.exams.factories import QuestionFactory, quiz_with
from tests.factories import AssessorFactory, LearnerFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=400)


@pytest.fixture
def old_essay():
    learner = LearnerFactory()
    quiz = quiz_with([QuestionFactory(kind=Question.Kind.ESSAY, points=5)])
    attempt = attempt_start(quiz=quiz, user=learner)
    attempt.questions.update(essay="我的长篇作答", feedback="写得不错", score=4)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=LONG_AGO)
    return attempt


@pytest.fixture
def old_access():
    learner, assessor = LearnerFactory(), AssessorFactory()
    record_access(viewer=assessor, subject=learner, obj=learner)
    Entry.objects.filter(chain="access").update(at=LONG_AGO)


@pytest.fixture
def left_long_ago():
    person = LearnerFactory(display_name="赵离职", employee_id="E7001", is_active=False)
    type(person).objects.filter(pk=person.pk).update(last_login=LONG_AGO, date_joined=LONG_AGO)
    person.refresh_from_db()
    return person


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_without_periods_nothing_is_removed(old_essay, old_access, left_long_ago):
    assert "nothing" in run()
    assert AttemptQuestion.objects.get(attempt=old_essay).essay == "我的长篇作答"
    assert Entry.objects.filter(chain="access").count() == 1


def test_dry_run_reports_and_changes_nothing(settings, old_essay, old_access, left_long_ago):
    settings.RETAIN_ATTEMPTS_DAYS = 365
    settings.RETAIN_ACCESS_LOG_DAYS = 90
    settings.RETAIN_DEACTIVATED_PEOPLE_DAYS = 180
    out = run("--dry-run")
    assert "attempt_answers_cleared: 1" in out
    assert "access_log_entries_pruned: 1" in out
    assert "people_erased: 1" in out
    assert AttemptQuestion.objects.get(attempt=old_essay).essay == "我的长篇作答"
    assert Entry.objects.filter(chain="access").count() == 1
    left_long_ago.refresh_from_db()
    assert left_long_ago.display_name == "赵离职"
    assert not Entry.objects.filter(action="privacy.retention_applied").exists()


def test_past_their_period_answers_are_cleared_log_pruned_and_people_erased(
    settings, old_essay, old_access, left_long_ago
):
    settings.RETAIN_ATTEMPTS_DAYS = 365
    settings.RETAIN_ACCESS_LOG_DAYS = 90
    settings.RETAIN_DEACTIVATED_PEOPLE_DAYS = 180
    recent = LearnerFactory(display_name="钱在职", is_active=False)
    out = run()
    assert "attempt_answers_cleared: 1" in out and "people_erased: 1" in out
    answer = AttemptQuestion.objects.get(attempt=old_essay)
    assert (answer.essay, answer.feedback, answer.score) == ("", "", 4)
    assert not Entry.objects.filter(chain="access").exists()
    left_long_ago.refresh_from_db()
    assert left_long_ago.display_name == f"已注销人员 #{left_long_ago.pk}"
    assert left_long_ago.employee_id is None
    recent.refresh_from_db()
    assert recent.display_name == "钱在职"  # deactivated just now: kept
    assert Entry.objects.filter(action="privacy.retention_applied").exists()
    assert Entry.objects.filter(action="privacy.person_erased", subject=left_long_ago).exists()


def test_a_person_under_legal_hold_is_kept(settings, left_long_ago):
    settings.RETAIN_DEACTIVATED_PEOPLE_DAYS = 180
    LegalHold.objects.create(person=left_long_ago, reason="诉讼")
    assert "people_erased: 0" in run()
    left_long_ago.refresh_from_db()
    assert left_long_ago.display_name == "赵离职"

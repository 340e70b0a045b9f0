"""Filing, assigning and resolving appeals through the services: the rules, what changes
(marks, scorecard revisions, certificates), the audit entries and the notices."""

import re
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from appeals import services, targets
from appeals.models import Appeal, AppealAttachment
from assessment import api as assessment_api
from assessment.models import MetricRecord, Scorecard
from assessment.services.scorecards import scorecard_finalise
from audit.models import Entry
from certificates import issuing
from certificates.models import Certificate
from exams.models import AttemptQuestion
from notifications.models import Notification
from tests.assessment.factories import make_program, scheme_file
from tests.factories import LearnerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def file_essay(attempt, learner, reason="第二题我写了完整的步骤。", **kwargs):
    return services.appeal_file(
        learner=learner, target=targets.essay_target(attempt.pk), reason=reason, **kwargs
    )


def essay_marks(attempt, points):
    essay = attempt.questions.get(kind="essay")
    return {essay.pk: (D(points), "步骤完整")}


def test_a_learner_files_an_appeal_with_a_file_within_the_window(
    attempt, learner, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("log.txt", "报警记录 E21".encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        appeal = file_essay(attempt, learner, files=[upload])
    assert (appeal.kind, appeal.status, appeal.result_before) == ("essay", "filed", "60.00")
    assert appeal.due_on == timezone.localdate() + timedelta(days=services.RESOLUTION_DAYS)
    stored = AppealAttachment.objects.get(appeal=appeal)
    assert stored.name == "log.txt" and stored.file.read() == "报警记录 E21".encode()
    entry = Entry.objects.get(action="appeals.filed")
    assert (entry.actor, entry.subject, entry.after["item"]) == (learner, learner, appeal.item)
    assert Notification.objects.filter(recipient=learner, event="appeal.filed").exists()


@pytest.mark.parametrize(
    "case",
    ["after the window", "twice", "empty reason", "someone else's result", "a refused file"],
)
def test_bad_appeals_are_refused_with_a_message_and_nothing_changes(attempt, learner, case):
    if case == "twice":
        file_essay(attempt, learner)
    before = (Appeal.objects.count(), Entry.objects.count(), AppealAttachment.objects.count())
    kwargs = {}
    expected = {
        "after the window": "The appeal window for this result closed on",
        "twice": "You have already appealed this result (A",
        "empty reason": "Say why you appeal this result.",
        "someone else's result": "You can only appeal your own results.",
        "a refused file": "is not an accepted kind of file",
    }[case]
    who = learner
    if case == "after the window":
        attempt.graded_at = timezone.now() - timedelta(days=16)
        attempt.save(update_fields=["graded_at"])
    elif case == "empty reason":
        kwargs["reason"] = "   "
    elif case == "someone else's result":
        who = LearnerFactory(username="other")
    elif case == "a refused file":
        kwargs["files"] = [SimpleUploadedFile("run.exe", b"MZ", content_type="application/x")]
    with pytest.raises(services.AppealRefused, match=re.escape(expected)):
        file_essay(attempt, who, **kwargs)
    after = (Appeal.objects.count(), Entry.objects.count(), AppealAttachment.objects.count())
    assert after == before


def full_marks_on_remark(appeal, attempt, marker):
    return services.appeal_remark_essays(
        appeal=appeal,
        marker=marker,
        marks=essay_marks(attempt, "4"),
        explanation="复核后第二题给满分。",
    )


def test_the_window_is_the_programs(attempt, learner, program):
    attempt.graded_at = timezone.now() - timedelta(days=20)
    attempt.save(update_fields=["graded_at"])
    program.appeal_window_days = 30
    program.save()
    assert file_essay(attempt, learner).status == "filed"


def test_an_exam_two_programs_count_is_appealed_in_the_longer_window_and_changes_both(
    attempt,
    program,
    scorecard,
    certificate,
    learner,
    assessor,
    second_trainer,
    client,
    django_capture_on_commit_callbacks,
):
    data = scheme_file(
        program={"code": "TST-L2", "name": "测试认证二", "validity_months": 24},
        components={"exam": 50, "practice": 0, "on_the_job": 50},
        exams=["exam"],
    )
    other = make_program(data=data)[0]
    other.appeal_window_days = 30
    other.save()
    other_card, _created = scorecard_finalise(
        program=other, period="2026-Q3", user_id=learner.pk, by=None
    )
    other_certificate = issuing.certificate_issue(scorecard=other_card).certificate
    attempt.graded_at = timezone.now() - timedelta(days=20)  # TST-L1's 15 days are over
    attempt.save(update_fields=["graded_at"])
    appeal = file_essay(attempt, learner)
    assert appeal.program == other
    services.appeal_assign(appeal=appeal, remarker=second_trainer, by=assessor)
    with django_capture_on_commit_callbacks(execute=True):
        appeal = full_marks_on_remark(appeal, attempt, second_trainer)
    assert sorted(appeal.revisions, key=lambda row: row["program"]) == [
        {"program": "TST-L1", "period": "2026-Q3", "revision": 2, "certificate": "issued"},
        {"program": "TST-L2", "period": "2026-Q3", "revision": 2, "certificate": "issued"},
    ]
    for old, card_program in ((certificate, program), (other_certificate, other)):
        revision = Scorecard.objects.get(employee=learner, program=card_program, revision=2)
        assert (revision.total, revision.grade) == (D("87.50"), "good")
        old.refresh_from_db()
        assert old.superseded_by == Certificate.objects.get(scorecard=revision)
    client.force_login(learner)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    # Both new revisions are linked; the one of the other program says which program it is.
    assert re.findall(r'<li><a href="([^"]+)">(.*?)成绩单 2026-Q3，修订版 2</a>', page) == [
        ("/scorecards/TST-L2/2026-Q3/E1001/r2/", ""),
        ("/scorecards/TST-L1/2026-Q3/E1001/r2/", '<span translate="no">TST-L1</span> · '),
    ]


def test_the_first_grader_cannot_re_mark(attempt, learner, trainer, assessor):
    appeal = file_essay(attempt, learner)
    with pytest.raises(services.AppealRefused, match="choose a different grader"):
        services.appeal_assign(appeal=appeal, remarker=trainer, by=assessor)
    with pytest.raises(services.AppealRefused, match="cannot re-mark their own"):
        services.appeal_assign(appeal=appeal, remarker=learner, by=assessor)
    appeal.refresh_from_db()
    assert (appeal.status, appeal.remarker) == ("filed", None)
    assert not Entry.objects.filter(action="appeals.assigned").exists()


def test_a_blind_re_mark_makes_a_new_revision_and_certificate(
    attempt,
    scorecard,
    certificate,
    learner,
    assessor,
    second_trainer,
    django_capture_on_commit_callbacks,
):
    appeal = file_essay(attempt, learner)
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_assign(appeal=appeal, remarker=second_trainer, by=assessor)
    assert Notification.objects.filter(recipient=second_trainer, event="appeal.assigned").exists()
    with django_capture_on_commit_callbacks(execute=True):
        appeal = full_marks_on_remark(appeal, attempt, second_trainer)
    assert (appeal.status, appeal.outcome, appeal.result_after) == (
        "resolved",
        "remarked",
        "100.00",
    )
    essay = AttemptQuestion.objects.get(attempt=attempt, kind="essay")
    assert (essay.score, essay.marked_by) == (D("4.00"), second_trainer)
    revision = Scorecard.objects.get(employee=learner, revision=2)
    assert (revision.total, revision.grade) == (D("87.50"), "good")
    new = Certificate.objects.get(scorecard=revision)
    certificate.refresh_from_db()
    assert certificate.superseded_by == new and new.grade == "good"
    assert appeal.revisions == [
        {"program": "TST-L1", "period": "2026-Q3", "revision": 2, "certificate": "issued"}
    ]
    resolved = Entry.objects.get(action="appeals.resolved")
    assert (resolved.actor, resolved.after["outcome"], resolved.reason) == (
        second_trainer,
        "remarked",
        "复核后第二题给满分。",
    )
    assert Notification.objects.filter(recipient=learner, event="appeal.resolved").exists()


def test_only_the_assigned_grader_re_marks(attempt, learner, assessor, second_trainer):
    appeal = file_essay(attempt, learner)
    with pytest.raises(services.AppealRefused, match="not assigned to you"):
        services.appeal_remark_essays(
            appeal=appeal, marker=second_trainer, marks=essay_marks(attempt, "4"), explanation="x"
        )
    assert AttemptQuestion.objects.get(attempt=attempt, kind="essay").score == D("0")


def test_upholding_needs_an_explanation_and_changes_no_result(
    attempt, scorecard, learner, assessor
):
    appeal = file_essay(attempt, learner)
    with pytest.raises(services.AppealRefused, match="why the result stands"):
        services.appeal_uphold(appeal=appeal, explanation=" ", by=assessor)
    appeal.refresh_from_db()
    assert appeal.status == "filed"
    appeal = services.appeal_uphold(appeal=appeal, explanation="评分符合评分标准。", by=assessor)
    assert (appeal.outcome, appeal.result_after, appeal.revisions) == ("upheld", "60.00", [])
    assert Scorecard.objects.filter(employee=learner).count() == 1
    with pytest.raises(services.AppealRefused, match="already resolved"):
        services.appeal_uphold(appeal=appeal, explanation="再次", by=assessor)


def test_a_corrected_metric_that_ends_certification_revokes_the_certificate(
    scorecard, certificate, learner, assessor
):
    record = MetricRecord.objects.get(employee=learner, indicator="first_time_fix_rate")
    card = targets.latest_scorecard(scorecard.pk)
    metric = next(m for m in assessment_api.scorecard_metrics(card) if m.record_id == record.pk)
    appeal = services.appeal_file(
        learner=learner, target=targets.metric_target(card, metric), reason="工单统计有误"
    )
    with pytest.raises(services.AppealRefused, match="source"):
        services.appeal_correct_metric(
            appeal=appeal, record_id=record.pk, value=60, source="", explanation="x", by=assessor
        )
    appeal = services.appeal_correct_metric(
        appeal=appeal,
        record_id=record.pk,
        value=60,
        source="工单系统 2026-10 导出",
        explanation="按工单系统重新统计。",
        by=assessor,
    )
    record.refresh_from_db()
    assert (record.value, record.source) == (D("60"), "工单系统 2026-10 导出")
    assert record.history.get().old_value == D("88")
    revision = Scorecard.objects.get(employee=learner, revision=2)
    assert revision.status == "not_certified"
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and appeal.reference in certificate.revocation_reason
    assert appeal.revisions == [
        {"program": "TST-L1", "period": "2026-Q3", "revision": 2, "certificate": "revoked"}
    ]

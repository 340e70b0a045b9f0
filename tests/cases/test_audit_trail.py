"""Marking decisions on case reports in the audit trail (decision 1000): finalised, returned,
two marks reconciled by their mean, a moderator's decision; and graders reading a report in
the access log."""

import pytest

from audit.models import Chain, Entry
from cases import services
from cases.models import SubmissionStatus
from tests.cases.factories import mark_entry, submitted_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("decision", "action", "status"),
    [
        ("finalise", "cases.mark_finalised", SubmissionStatus.FINALISED),
        ("return", "cases.mark_returned", SubmissionStatus.RETURNED),
    ],
)
def test_a_single_markers_decision_is_recorded(
    single_case, learner, trainer, decision, action, status
):
    submission = submitted_report(single_case, learner)
    entry = mark_entry(single_case.rubric, 3)
    services.mark_submit(submission=submission, grader=trainer, entry=entry, decision=decision)
    recorded = Entry.objects.get(chain=Chain.DECISION, action__startswith="cases.")
    assert recorded.action == action
    assert (recorded.actor, recorded.subject) == (trainer, learner)
    assert (recorded.object_type, recorded.object_id) == (
        "cases.casesubmission",
        str(submission.pk),
    )
    assert recorded.after["status"] == status and recorded.after["method"] in ("single", "")


def test_two_close_marks_finalise_by_their_mean_and_a_moderator_decides_apart_ones(
    double_case, learner, other_learner, trainer, trainer2, lead
):
    close = submitted_report(double_case, learner)
    services.mark_submit(submission=close, grader=trainer, entry=mark_entry(double_case.rubric, 3))
    services.mark_submit(submission=close, grader=trainer2, entry=mark_entry(double_case.rubric, 3))
    mean = Entry.objects.get(action="cases.mark_finalised")
    assert (mean.actor, mean.subject, mean.after["method"]) == (trainer2, learner, "mean")

    apart = submitted_report(double_case, other_learner)
    services.mark_submit(submission=apart, grader=trainer, entry=mark_entry(double_case.rubric, 3))
    services.mark_submit(submission=apart, grader=trainer2, entry=mark_entry(double_case.rubric, 1))
    assert Entry.objects.filter(action__startswith="cases.").count() == 1  # waits: no decision
    services.moderation_decide(
        submission=apart,
        moderator=lead,
        entry=mark_entry(double_case.rubric, 2),
        decision="finalise",
        allowed=True,
    )
    moderated = Entry.objects.get(action="cases.moderation_decided")
    assert (moderated.actor, moderated.subject) == (lead, other_learner)
    assert moderated.after["method"] == "moderated"


def test_a_grader_reading_a_report_is_in_the_access_log(single_case, learner, trainer, client):
    submission = submitted_report(single_case, learner)
    client.force_login(trainer)
    assert client.get(f"/grading/cases/{submission.pk}/").status_code == 200
    viewed = Entry.objects.get(chain=Chain.ACCESS)
    assert (viewed.actor, viewed.subject, viewed.object_id) == (
        trainer,
        learner,
        str(submission.pk),
    )
    client.force_login(learner)
    client.get(f"/cases/{single_case.slug}/versions/1/")
    assert Entry.objects.filter(chain=Chain.ACCESS).count() == 1


def test_a_moderator_overriding_both_markers_must_give_a_reason(
    double_case, learner, trainer, trainer2, lead, client
):
    submission = submitted_report(double_case, learner)
    services.mark_submit(
        submission=submission, grader=trainer, entry=mark_entry(double_case.rubric, 3)
    )
    services.mark_submit(
        submission=submission, grader=trainer2, entry=mark_entry(double_case.rubric, 2)
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.MODERATION  # both passed, far apart
    client.force_login(lead)
    client.cookies["lms_language"] = "en"
    levels = mark_entry(double_case.rubric, 1).levels  # a fail: overrides both passes
    data = {f"level_{criterion}": level for criterion, level in levels.items()}
    data |= {"feedback": "关键步骤缺失", "action": "finalise", "reason": ""}
    page = client.post(f"/grading/cases/{submission.pk}/", data)
    assert page.status_code == 200
    assert 'data-testid="reason-error"' in page.content.decode()
    assert "关键步骤缺失" in page.content.decode()  # what was typed is kept
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.MODERATION
    assert not Entry.objects.filter(action__startswith="cases.moderation").exists()

    client.post(f"/grading/cases/{submission.pk}/", data | {"reason": "根因分析不成立"})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.FINALISED and submission.passed is False
    overridden = Entry.objects.get(action="cases.moderation_overridden")
    assert (overridden.actor, overridden.reason) == (lead, "根因分析不成立")

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

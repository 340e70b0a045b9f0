"""What the practice cases tell people through the notification service (decision 0800): a
report returned for another version, or graded (events ``case_returned``, ``case_graded``)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import CaseSubmission, SubmissionStatus
from notifications import api as notifications
from notifications.api import EventType, register_event_type

register_event_type(EventType(key="case_returned", label=_("Case report returned"), order=20))
register_event_type(EventType(key="case_graded", label=_("Case report graded"), order=30))


def notify_on_commit(submission: CaseSubmission) -> None:
    """Once the decision is committed, tell the learner their report was returned or graded."""
    submission_id = submission.pk
    transaction.on_commit(lambda: notify_case_decided(submission_id=submission_id))


def notify_case_decided(*, submission_id: int) -> bool:
    submission = (
        CaseSubmission.objects.select_related("case", "learner").filter(pk=submission_id).first()
    )
    if submission is None or submission.status not in (
        SubmissionStatus.RETURNED,
        SubmissionStatus.FINALISED,
    ):
        return False
    returned = submission.status == SubmissionStatus.RETURNED
    return notifications.notify(
        recipient=submission.learner,
        event="case_returned" if returned else "case_graded",
        item=f"case-report:{submission.pk}",
        title=submission.case.title,
        title_en=submission.case.title_en,
        url=reverse(
            "cases:case_version",
            kwargs={"slug": submission.case.slug, "number": submission.number},
        ),
    )

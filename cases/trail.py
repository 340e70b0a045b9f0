"""What the audit trail records of marking decisions on case reports (decision 1000): a report
finalised or returned, and a moderator's decision. Called by ``cases.services`` inside the
transaction that makes the decision."""

from __future__ import annotations

from audit import api as audit
from cases.models import CaseMark, CaseSubmission, MarkKind, MarkStatus, SubmissionStatus


def record_decision(
    locked: CaseSubmission, mark: CaseMark | None, *, actor, request=None, reason: str = ""
):
    """One entry for the decision just taken on ``locked``: ``mark`` is the mark that decided
    (``None`` when two marks were reconciled by their mean). A moderator finalising against
    the verdict both markers agreed on overrides them, which needs a ``reason``."""
    if mark is not None and mark.kind == MarkKind.MODERATOR:
        action = (
            "cases.moderation_overridden"
            if _overrides_markers(locked, mark)
            else "cases.moderation_decided"
        )
    elif locked.status == SubmissionStatus.RETURNED:
        action = "cases.mark_returned"
    else:
        action = "cases.mark_finalised"
    audit.record(
        action,
        actor=actor,
        obj=locked,
        subject=locked.learner,
        after={
            "case": locked.case_id,
            "version": locked.number,
            "status": locked.status,
            "method": locked.final_method,
            "percent": locked.final_percent,
            "passed": locked.passed,
            "mark_percent": mark.percent if mark is not None else None,
        },
        reason=reason,
        request=request,
    )


def _overrides_markers(locked: CaseSubmission, mark: CaseMark) -> bool:
    if locked.status != SubmissionStatus.FINALISED:
        return False
    verdicts = set(
        locked.marks.filter(kind=MarkKind.MARKER, status=MarkStatus.SUBMITTED).values_list(
            "passed", flat=True
        )
    )
    return len(verdicts) == 1 and mark.passed not in verdicts

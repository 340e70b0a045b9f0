"""Re-marking a graded report on appeal (decision 1001): a grader who has not marked the
report marks it again, blind, and the new mark becomes the final result. It follows the
marking rules of :mod:`cases.services` (the report row locked, the same storing and scoring
of a mark) and reuses its steps."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    CaseMark,
    CaseSubmission,
    FinalMethod,
    MarkDecision,
    MarkKind,
    MarkStatus,
    SubmissionStatus,
)
from cases.selectors.rubrics import rubric_with_levels

# The marking steps shared with the first marking and moderation.
from cases.services import CaseActionRefused, MarkInput, _decide, _lock, _missing_levels, _store


def mark_on_appeal(
    *, submission: CaseSubmission, grader, entry: MarkInput, reason: str, request=None
) -> CaseMark:
    """An appeal's re-mark of a graded report by a grader who has not marked it (decision
    1001): the new mark, a complete one, becomes the final result (recorded as decided by a
    moderator, so that double-marking agreement counts only the independent marks). The
    ``reason`` (the appeal) goes to the audit trail, which needs one when the new verdict
    overturns the one both markers agreed on."""
    with transaction.atomic():
        locked = _lock(submission)
        if locked.status != SubmissionStatus.FINALISED:
            raise CaseActionRefused(_("Only a graded report can be marked again on appeal."))
        if locked.learner_id == grader.pk:
            raise CaseActionRefused(_("You cannot mark your own report."))
        if locked.marks.filter(grader=grader).exists():
            raise CaseActionRefused(
                _("You have marked this report before; another grader must mark it again.")
            )
        mark = CaseMark.objects.create(submission=locked, grader=grader, kind=MarkKind.MODERATOR)
        rubric = rubric_with_levels(locked.rubric_id)
        result = _store(mark, rubric, entry)
        _missing_levels(rubric, result, entry)
        now = timezone.now()
        mark.status = MarkStatus.SUBMITTED
        mark.submitted_at = now
        mark.points_earned = result.points_earned
        mark.points_possible = result.points_possible
        mark.percent = result.percent
        mark.passed = result.passed(locked.case.pass_mark)
        _decide(
            locked,
            mark,
            MarkDecision.FINALISE,
            now,
            FinalMethod.MODERATED,
            request=request,
            reason=reason,
        )
        mark.save()
        return mark

"""Reads of the marks on a report: every mark (the grading screen), the ones its learner may
read, and several marks side by side per criterion."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cases.models import (
    CaseMark,
    CaseMarkScore,
    CaseSubmission,
    MarkKind,
    MarkStatus,
    RubricCriterion,
    RubricLevel,
    SubmissionStatus,
)


def marks_of(submission: CaseSubmission) -> list[CaseMark]:
    return list(
        submission.marks.select_related("grader")
        .prefetch_related(
            Prefetch("scores", queryset=CaseMarkScore.objects.select_related("level"))
        )
        .order_by("kind", "created_at")
    )


def visible_marks(submission: CaseSubmission) -> list[CaseMark]:
    """The submitted marks a learner may read: once a version is graded or returned."""
    if submission.status not in (SubmissionStatus.FINALISED, SubmissionStatus.RETURNED):
        return []
    return list(
        submission.marks.filter(status=MarkStatus.SUBMITTED)
        .select_related("grader")
        .prefetch_related(
            Prefetch("scores", queryset=CaseMarkScore.objects.select_related("criterion", "level"))
        )
        .order_by("kind", "submitted_at")
    )


# --- Marks side by side ------------------------------------------------------------------


@dataclass(frozen=True)
class MarkColumn:
    mark: CaseMark
    label: str
    percent: Decimal | None
    passed: bool | None


@dataclass(frozen=True)
class MarkCell:
    level: RubricLevel | None
    comment: str


@dataclass(frozen=True)
class MarkRow:
    criterion: RubricCriterion
    cells: list[MarkCell]


@dataclass(frozen=True)
class MarkTable:
    columns: list[MarkColumn]
    rows: list[MarkRow]


def mark_table(*, criteria, marks) -> MarkTable:
    """Levels and comments of ``marks`` (with prefetched scores) per criterion."""
    columns = []
    number = 0
    for mark in marks:
        if mark.kind == MarkKind.MODERATOR:
            label = _("Moderation · %(name)s") % {"name": mark.grader.get_full_name()}
        else:
            number += 1
            label = _("Mark %(number)s · %(name)s") % {
                "number": number,
                "name": mark.grader.get_full_name(),
            }
        columns.append(MarkColumn(mark, label, mark.percent, mark.passed))
    by_mark = [{score.criterion_id: score for score in mark.scores.all()} for mark in marks]
    rows = []
    for criterion in criteria:
        cells = []
        for scores in by_mark:
            score = scores.get(criterion.pk)
            cells.append(MarkCell(score.level if score else None, score.comment if score else ""))
        rows.append(MarkRow(criterion, cells))
    return MarkTable(columns, rows)

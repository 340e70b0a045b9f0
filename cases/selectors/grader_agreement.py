"""Reads for the grader agreement report: the double-marked reports as the plain values
``cases.agreement`` computes with, and the figures per rubric version, grader and pair."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from cases import agreement
from cases.models import (
    CaseMark,
    CaseMarkScore,
    CaseSubmission,
    Marking,
    MarkKind,
    MarkStatus,
    Rubric,
    RubricLevel,
    SubmissionStatus,
)

AGREEMENT_PERMISSION = "cases.view_grader_agreement"


def can_see_agreement(user) -> bool:
    return user.is_authenticated and user.has_perm(AGREEMENT_PERMISSION)


@dataclass(frozen=True)
class GraderFigure:
    grader: object  # a User
    severity: agreement.Figure


@dataclass(frozen=True)
class PairFigure:
    graders: tuple  # two Users
    stats: agreement.AgreementStats


@dataclass(frozen=True)
class RubricAgreement:
    rubric: Rubric
    stats: agreement.AgreementStats
    graders: list[GraderFigure]
    pairs: list[PairFigure]


# --- Double marks as plain values --------------------------------------------------------


@dataclass(frozen=True)
class _LevelRanks:
    ranks: dict[int, int]  # level id → its rank in its criterion (0 = fewest points)
    criteria_of: dict[int, list[int]]  # rubric id → criterion ids in the rubric's order
    categories: dict[int, int]  # rubric id → the most levels any of its criteria has


def _level_ranks(rubric_ids: list[int] | None) -> _LevelRanks:
    """Rank every level within its criterion, by points (1 query)."""
    levels = RubricLevel.objects.select_related("criterion").order_by("points", "pk")
    if rubric_ids is not None:
        levels = levels.filter(criterion__rubric_id__in=rubric_ids)
    ranks: dict[int, int] = {}
    criteria_of: dict[int, list[int]] = defaultdict(list)
    per_criterion: dict[int, int] = defaultdict(int)
    criterion_rubric: dict[int, int] = {}
    criterion_order: dict[int, tuple] = {}
    for level in levels:
        ranks[level.pk] = per_criterion[level.criterion_id]
        per_criterion[level.criterion_id] += 1
        criterion_rubric[level.criterion_id] = level.criterion.rubric_id
        criterion_order[level.criterion_id] = (level.criterion.sort_order, level.criterion_id)
    for criterion_id, rubric_id in criterion_rubric.items():
        criteria_of[rubric_id].append(criterion_id)
    for rubric_id in criteria_of:
        criteria_of[rubric_id].sort(key=criterion_order.__getitem__)
    categories = {
        rubric_id: max(per_criterion[c] for c in criterion_ids)
        for rubric_id, criterion_ids in criteria_of.items()
    }
    return _LevelRanks(ranks=ranks, criteria_of=criteria_of, categories=categories)


def _double_marked_reports(rubric_ids: list[int] | None) -> QuerySet:
    """Reports of double-marked cases with both independent marks submitted (no query yet)."""
    reports = CaseSubmission.objects.filter(case__marking=Marking.DOUBLE, rubric__isnull=False)
    if rubric_ids is not None:
        reports = reports.filter(rubric_id__in=rubric_ids)
    return reports.annotate(
        submitted_markers=Count(
            "marks",
            filter=Q(marks__kind=MarkKind.MARKER, marks__status=MarkStatus.SUBMITTED),
        )
    ).filter(submitted_markers=2)


def _submitted_marker_marks(reports: QuerySet) -> list[dict]:
    """The submitted independent marks of ``reports``, in the order they came in (1 query)."""
    return list(
        CaseMark.objects.filter(
            submission_id__in=reports.values("pk"),
            kind=MarkKind.MARKER,
            status=MarkStatus.SUBMITTED,
        )
        .order_by("submission_id", "submitted_at", "pk")
        .values("pk", "submission_id", "grader_id", "percent")
    )


def _chosen_ranks(marks: list[dict], ranks: dict[int, int]) -> dict[int, dict[int, int]]:
    """Mark id → criterion id → rank of the level chosen (1 query)."""
    chosen: dict[int, dict[int, int]] = defaultdict(dict)
    # No ordering: the rows go into a dict. (The model's ordering used to follow the mark to
    # its report, case and learner; on PostgreSQL with stale statistics that took minutes.)
    for score in (
        CaseMarkScore.objects.filter(mark_id__in=[m["pk"] for m in marks], level__isnull=False)
        .order_by()
        .values("mark_id", "criterion_id", "level_id")
    ):
        chosen[score["mark_id"]][score["criterion_id"]] = ranks.get(score["level_id"], 0)
    return chosen


def _double_mark(
    *, row: dict, pair: list[dict], chosen: dict[int, dict[int, int]], levels: _LevelRanks
) -> agreement.DoubleMark:
    """One report's two marks as ``cases.agreement`` takes them."""
    criteria = levels.criteria_of.get(row["rubric_id"], [])
    a, b = pair
    final = row["final_percent"] if row["status"] == SubmissionStatus.FINALISED else None
    return agreement.DoubleMark(
        report_id=row["pk"],
        grader_a=a["grader_id"],
        grader_b=b["grader_id"],
        ranks_a=tuple(chosen[a["pk"]].get(c, 0) for c in criteria),
        ranks_b=tuple(chosen[b["pk"]].get(c, 0) for c in criteria),
        total_a=a["percent"] or Decimal("0"),
        total_b=b["percent"] or Decimal("0"),
        final=final,
        categories=levels.categories.get(row["rubric_id"], 0),
    )


def agreement_marks(rubric_ids: list[int] | None = None) -> dict[int, list[agreement.DoubleMark]]:
    """Double-marked reports (both independent marks submitted), per rubric version.

    Four queries: levels (for ranks), reports, marks, criterion scores.
    """
    levels = _level_ranks(rubric_ids)
    reports = _double_marked_reports(rubric_ids)
    report_rows = {
        row["pk"]: row for row in reports.values("pk", "rubric_id", "status", "final_percent")
    }
    marks = _submitted_marker_marks(reports)
    chosen = _chosen_ranks(marks, levels.ranks)

    by_report: dict[int, list[dict]] = defaultdict(list)
    for mark in marks:
        by_report[mark["submission_id"]].append(mark)
    result: dict[int, list[agreement.DoubleMark]] = defaultdict(list)
    for report_id, pair in by_report.items():
        if len(pair) != 2:
            continue
        row = report_rows[report_id]
        result[row["rubric_id"]].append(
            _double_mark(row=row, pair=pair, chosen=chosen, levels=levels)
        )
    return dict(result)


# --- The report --------------------------------------------------------------------------


def agreement_report() -> list[RubricAgreement]:
    """Agreement per rubric version, per grader and per pair of graders (6 queries)."""
    marks_by_rubric = agreement_marks()
    rubrics = Rubric.objects.in_bulk(list(marks_by_rubric))
    grader_ids = {
        grader
        for marks in marks_by_rubric.values()
        for mark in marks
        for grader in (mark.grader_a, mark.grader_b)
    }
    users = get_user_model().objects.in_bulk(list(grader_ids))
    report = []
    for rubric_id, marks in sorted(
        marks_by_rubric.items(),
        key=lambda item: (rubrics[item[0]].title, -rubrics[item[0]].version),
    ):
        severity = agreement.severity(marks)
        report.append(
            RubricAgreement(
                rubric=rubrics[rubric_id],
                stats=agreement.summarise(marks),
                graders=sorted(
                    (GraderFigure(users[g], figure) for g, figure in severity.items()),
                    key=lambda item: item.grader.get_full_name(),
                ),
                pairs=[
                    PairFigure((users[a], users[b]), stats)
                    for (a, b), stats in agreement.by_pair(marks).items()
                ],
            )
        )
    return report

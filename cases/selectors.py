"""Reads for practice cases, case reports, grading and grader agreement.

Every function here runs a fixed number of queries, whatever the number of reports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from cases import agreement
from cases.models import (
    CaseAttachment,
    CaseMark,
    CaseMarkScore,
    CaseSubmission,
    Marking,
    MarkKind,
    MarkStatus,
    PracticeCase,
    Rubric,
    RubricCriterion,
    RubricLevel,
    SubmissionStatus,
)
from cases.report import ReportContent
from cases.scoring import CriterionSpec, LevelSpec

# The report itself (long texts and JSON) is not needed to list reports.
REPORT_FIELDS = [*ReportContent.field_names(), "case__scenario"]
LISTED_MARK_FIELDS = [f"submission__{name}" for name in REPORT_FIELDS]

GRADE_PERMISSION = "cases.grade_casesubmission"
MODERATE_PERMISSION = "cases.moderate_casesubmission"
AGREEMENT_PERMISSION = "cases.view_grader_agreement"


def can_grade(user) -> bool:
    return user.is_authenticated and user.has_perm(GRADE_PERMISSION)


def can_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE_PERMISSION)


def can_see_agreement(user) -> bool:
    return user.is_authenticated and user.has_perm(AGREEMENT_PERMISSION)


# --- Rubrics -----------------------------------------------------------------------------


def rubric_with_levels(rubric_id: int) -> Rubric:
    """A rubric with its criteria and levels prefetched (3 queries)."""
    return Rubric.objects.prefetch_related(
        Prefetch(
            "criteria",
            queryset=RubricCriterion.objects.order_by("sort_order", "pk").prefetch_related(
                Prefetch("levels", queryset=RubricLevel.objects.order_by("points", "pk"))
            ),
        )
    ).get(pk=rubric_id)


def criterion_specs(rubric: Rubric) -> list[CriterionSpec]:
    """The plain values ``cases.scoring`` scores with (uses prefetched rows)."""
    return [
        CriterionSpec(
            id=criterion.pk,
            levels=tuple(LevelSpec(level.pk, level.points) for level in criterion.levels.all()),
            critical=criterion.critical,
            minimum_level=criterion.minimum_level,
        )
        for criterion in rubric.criteria.all()
    ]


def rubric_in_use(rubric: Rubric) -> bool:
    """Has any mark (even one still in progress) been recorded against this rubric version?"""
    return CaseMark.objects.filter(submission__rubric=rubric).exists()


# --- Learners ----------------------------------------------------------------------------


def live_cases() -> QuerySet:
    return PracticeCase.objects.filter(live=True).prefetch_related(
        "product_tags", "fault_type_tags"
    )


def listed_cases() -> QuerySet:
    """Open cases without their scenario, for lists."""
    return live_cases().defer("scenario")


def case_for_learner(slug: str) -> PracticeCase:
    case = live_cases().select_related("rubric").filter(slug=slug).first()
    if case is None:
        raise Http404
    return case


def learner_submissions(*, case: PracticeCase, learner) -> list[CaseSubmission]:
    """Every version of a learner's report on a case, oldest first."""
    return list(CaseSubmission.objects.filter(case=case, learner=learner).order_by("number"))


@dataclass
class CaseRow:
    case: PracticeCase
    latest: CaseSubmission | None
    final: CaseSubmission | None  # latest finalised version


def learner_case_rows(learner) -> list[CaseRow]:
    """Open cases with the learner's latest version and latest graded version (2 queries + tags)."""
    cases = list(listed_cases().order_by("title"))
    submissions = (
        CaseSubmission.objects.filter(learner=learner, case__in=[c.pk for c in cases])
        .defer(*ReportContent.field_names())
        .order_by("number")
    )
    latest: dict[int, CaseSubmission] = {}
    final: dict[int, CaseSubmission] = {}
    for submission in submissions:
        latest[submission.case_id] = submission
        if submission.status == SubmissionStatus.FINALISED:
            final[submission.case_id] = submission
    return [CaseRow(case, latest.get(case.pk), final.get(case.pk)) for case in cases]


def own_submission(*, case: PracticeCase, learner, number: int) -> CaseSubmission:
    submission = (
        CaseSubmission.objects.filter(case=case, learner=learner, number=number)
        .prefetch_related("attachments")
        .first()
    )
    if submission is None:
        raise Http404
    return submission


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


# --- Attachments -------------------------------------------------------------------------


def attachment_for_user(*, pk: int, user) -> CaseAttachment:
    """An attachment the user may download: their own, or one of a report they may grade."""
    attachment = CaseAttachment.objects.select_related("submission").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    submission = attachment.submission
    if submission.learner_id == user.pk:
        return attachment
    if submission.status != SubmissionStatus.DRAFT and can_grade(user):
        return attachment
    raise Http404


# --- Grading -----------------------------------------------------------------------------


def submission_for_grading(*, pk: int, user) -> CaseSubmission:
    """A submitted report the user may open in the grading screen (never their own)."""
    if not can_grade(user):
        raise Http404
    submission = (
        CaseSubmission.objects.exclude(status=SubmissionStatus.DRAFT)
        .exclude(learner=user)
        .select_related("case", "learner", "rubric")
        .prefetch_related("attachments")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404
    return submission


def marks_of(submission: CaseSubmission) -> list[CaseMark]:
    return list(
        submission.marks.select_related("grader")
        .prefetch_related(
            Prefetch("scores", queryset=CaseMarkScore.objects.select_related("level"))
        )
        .order_by("kind", "created_at")
    )


def _to_mark(user) -> QuerySet:
    """Submitted reports with a free marking place that the user has not marked, not theirs."""
    mine = CaseMark.objects.filter(submission=OuterRef("pk"), grader=user)
    markers = CaseMark.objects.filter(submission=OuterRef("pk"), kind=MarkKind.MARKER)
    needed = Case(
        When(case__marking=Marking.DOUBLE, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        CaseSubmission.objects.filter(status=SubmissionStatus.SUBMITTED)
        .exclude(learner=user)
        .annotate(
            markers=Coalesce(
                Subquery(
                    markers.order_by().values("submission").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            needed=needed,
        )
        .filter(~Exists(mine), markers__lt=F("needed"))
    )


@dataclass
class GradingQueue:
    to_mark: QuerySet  # submitted reports with a free marking place, not marked by the user
    in_progress: list[CaseMark] = field(default_factory=list)  # the user's unfinished marks
    moderation: list[CaseSubmission] = field(default_factory=list)
    recent: list[CaseMark] = field(default_factory=list)  # the user's last submitted marks
    can_moderate: bool = False


def grading_queue(user) -> GradingQueue:
    """What a trainer can mark now; ``to_mark`` is a queryset to paginate."""
    to_mark = (
        _to_mark(user)
        .select_related("case", "learner")
        .defer(*REPORT_FIELDS)
        .order_by("submitted_at", "pk")
    )
    in_progress = list(
        CaseMark.objects.filter(grader=user, status=MarkStatus.DRAFT)
        .select_related("submission__case", "submission__learner")
        .defer(*LISTED_MARK_FIELDS)
        .order_by("created_at")
    )
    moderation = []
    moderator = can_moderate(user)
    if moderator:
        graded_by_me = CaseMark.objects.filter(
            submission=OuterRef("pk"), grader=user, kind=MarkKind.MARKER
        )
        moderation = list(
            CaseSubmission.objects.filter(status=SubmissionStatus.MODERATION)
            .exclude(learner=user)
            .annotate(graded_by_me=Exists(graded_by_me))
            .filter(graded_by_me=False)
            .select_related("case", "learner")
            .defer(*REPORT_FIELDS)
            .order_by("submitted_at", "pk")[:200]
        )
    recent = list(
        CaseMark.objects.filter(grader=user, status=MarkStatus.SUBMITTED)
        .select_related("submission__case", "submission__learner")
        .defer(*LISTED_MARK_FIELDS)
        .order_by("-submitted_at")[:20]
    )
    return GradingQueue(
        to_mark=to_mark,
        in_progress=in_progress,
        moderation=moderation,
        recent=recent,
        can_moderate=moderator,
    )


@dataclass(frozen=True)
class GradingCounts:
    to_mark: int
    in_progress: int
    moderation: int


def grading_counts(user) -> GradingCounts:
    """Numbers for the trainer dashboard (3 queries)."""
    to_mark = _to_mark(user).count()
    in_progress = CaseMark.objects.filter(grader=user, status=MarkStatus.DRAFT).count()
    moderation = 0
    if can_moderate(user):
        moderation = (
            CaseSubmission.objects.filter(status=SubmissionStatus.MODERATION)
            .exclude(learner=user)
            .exclude(marks__grader=user)
            .count()
        )
    return GradingCounts(to_mark, in_progress, moderation)


# --- Grader agreement --------------------------------------------------------------------


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


def agreement_marks(rubric_ids: list[int] | None = None) -> dict[int, list[agreement.DoubleMark]]:
    """Double-marked reports (both independent marks submitted), per rubric version.

    Four queries: levels (for ranks), reports, marks, criterion scores.
    """
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

    reports = CaseSubmission.objects.filter(case__marking=Marking.DOUBLE, rubric__isnull=False)
    if rubric_ids is not None:
        reports = reports.filter(rubric_id__in=rubric_ids)
    reports = reports.annotate(
        submitted_markers=Count(
            "marks",
            filter=Q(marks__kind=MarkKind.MARKER, marks__status=MarkStatus.SUBMITTED),
        )
    ).filter(submitted_markers=2)
    report_rows = {
        row["pk"]: row for row in reports.values("pk", "rubric_id", "status", "final_percent")
    }
    marks = (
        CaseMark.objects.filter(
            submission_id__in=reports.values("pk"),
            kind=MarkKind.MARKER,
            status=MarkStatus.SUBMITTED,
        )
        .order_by("submission_id", "submitted_at", "pk")
        .values("pk", "submission_id", "grader_id", "percent")
    )
    marks = list(marks)
    chosen: dict[int, dict[int, int]] = defaultdict(dict)
    # No ordering: the rows go into a dict. (The model's ordering used to follow the mark to
    # its report, case and learner; on PostgreSQL with stale statistics that took minutes.)
    for score in (
        CaseMarkScore.objects.filter(mark_id__in=[m["pk"] for m in marks], level__isnull=False)
        .order_by()
        .values("mark_id", "criterion_id", "level_id")
    ):
        chosen[score["mark_id"]][score["criterion_id"]] = ranks.get(score["level_id"], 0)

    by_report: dict[int, list[dict]] = defaultdict(list)
    for mark in marks:
        by_report[mark["submission_id"]].append(mark)
    result: dict[int, list[agreement.DoubleMark]] = defaultdict(list)
    for report_id, pair in by_report.items():
        if len(pair) != 2:
            continue
        row = report_rows[report_id]
        criteria = criteria_of.get(row["rubric_id"], [])
        a, b = pair
        ranks_a = tuple(chosen[a["pk"]].get(c, 0) for c in criteria)
        ranks_b = tuple(chosen[b["pk"]].get(c, 0) for c in criteria)
        final = row["final_percent"] if row["status"] == SubmissionStatus.FINALISED else None
        result[row["rubric_id"]].append(
            agreement.DoubleMark(
                report_id=report_id,
                grader_a=a["grader_id"],
                grader_b=b["grader_id"],
                ranks_a=ranks_a,
                ranks_b=ranks_b,
                total_a=a["percent"] or Decimal("0"),
                total_b=b["percent"] or Decimal("0"),
                final=final,
                categories=categories.get(row["rubric_id"], 0),
            )
        )
    return dict(result)


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

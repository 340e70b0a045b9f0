"""Reads for graders: who may grade and moderate, the grading queue and its counts, and the
report opened in the grading screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from cases.models import CaseMark, CaseSubmission, Marking, MarkKind, MarkStatus, SubmissionStatus
from cases.report import ReportContent

# The report itself (long texts and JSON) is not needed to list reports.
REPORT_FIELDS = [*ReportContent.field_names(), "case__scenario"]
LISTED_MARK_FIELDS = [f"submission__{name}" for name in REPORT_FIELDS]

GRADE_PERMISSION = "cases.grade_casesubmission"
MODERATE_PERMISSION = "cases.moderate_casesubmission"


def can_grade(user) -> bool:
    return user.is_authenticated and user.has_perm(GRADE_PERMISSION)


def can_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE_PERMISSION)


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


# --- The queue ---------------------------------------------------------------------------


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

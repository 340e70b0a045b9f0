"""Reads of appeals: a learner's own, the assessors' queue with its filters, the re-marker's
assignment, who may re-mark, and the figures of the assessors' report (decision 1001).
Every list runs a fixed number of queries whatever its length."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from appeals.models import OPEN_STATUSES, Appeal, AppealAttachment, Outcome, Status
from assessment import api as assessment_api
from lms import roles

RESOLVE_PERMISSION = "appeals.resolve_appeal"
PERIOD_RE = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")


def can_resolve(user) -> bool:
    return user.is_authenticated and user.has_perm(RESOLVE_PERMISSION)


def my_appeals(*, user) -> QuerySet:
    return Appeal.objects.filter(learner=user).select_related("program")


def appeals_on(*, user, items) -> dict[str, Appeal]:
    """The user's appeals on the given items (1 query)."""
    return {a.item: a for a in Appeal.objects.filter(learner=user, item__in=list(items))}


def scorecard_appeal_state(*, card, user) -> tuple[bool, Appeal | None]:
    """Whether a finalised scorecard is its latest revision, and the user's appeal on it: one
    query (two when there is an appeal)."""
    newer = assessment_api.Scorecard.objects.filter(
        employee_id=OuterRef("employee_id"),
        program_id=OuterRef("program_id"),
        period=OuterRef("period"),
        revision__gt=OuterRef("revision"),
    )
    mine = Appeal.objects.filter(learner=user, item=f"scorecard:{card.pk}").values("pk")[:1]
    newer_exists, appeal_id = (
        assessment_api.Scorecard.objects.filter(pk=card.pk)
        .annotate(newer=Exists(newer), appeal_id=Subquery(mine))
        .values_list("newer", "appeal_id")
        .get()
    )
    appeal = Appeal.objects.get(pk=appeal_id) if appeal_id else None
    return not newer_exists, appeal


def own_appeal(*, pk: int, user) -> Appeal:
    """The learner's own appeal, or 404."""
    appeal = Appeal.objects.select_related("program").filter(pk=pk, learner=user).first()
    if appeal is None:
        raise Http404
    return appeal


def staff_appeal(*, pk: int, user) -> Appeal:
    """An appeal for an assessor who may resolve appeals, or 404."""
    if not can_resolve(user):
        raise Http404
    appeal = (
        Appeal.objects.select_related("program", "learner", "remarker", "resolved_by")
        .filter(pk=pk)
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


def remark_appeal(*, pk: int, user) -> Appeal:
    """An appeal assigned to this user for re-marking (and not resolved), or 404."""
    appeal = (
        Appeal.objects.select_related("program")
        .filter(pk=pk, remarker=user, status=Status.ASSIGNED)
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


def attachment_for(*, pk: int, user) -> AppealAttachment:
    """An appeal's file for its learner or an assessor; 404 for anyone else (a re-marker
    marks blind and does not read the appeal)."""
    attachment = AppealAttachment.objects.select_related("appeal").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    appeal = attachment.appeal
    if appeal.status == Status.ASSIGNED and appeal.remarker_id == user.pk:
        raise Http404  # an assessor re-marking it
    if appeal.learner_id == user.pk or can_resolve(user):
        return attachment
    raise Http404


@dataclass(frozen=True)
class QueueFilters:
    program: str = ""  # program code
    status: str = ""  # "open" (default), "filed", "assigned", "resolved", "all"
    kind: str = ""
    overdue: bool = False


def queue(*, filters: QueueFilters, today: date | None = None) -> QuerySet:
    """The assessors' queue, the earliest due first (1 query, with the people and program)."""
    today = today or timezone.localdate()
    rows = Appeal.objects.select_related("program", "learner", "remarker")
    status = filters.status or "open"
    if status == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        rows = rows.filter(status=status)
    if filters.program:
        rows = rows.filter(program__code=filters.program)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.overdue:
        rows = rows.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    return rows.order_by("due_on", "filed_at", "pk")


def remarker_choices(*, exclude: set[int]) -> QuerySet:
    """Trainers and assessors who may re-mark, without the learner and the first graders."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.TRAINER, roles.ASSESSOR])
        .exclude(pk__in=exclude)
        .distinct()
        .order_by("username")
    )


def period_range(period: str) -> tuple[date, date] | None:
    """The first day and the day after the last of ``YYYY``, ``YYYY-Qn`` or ``YYYY-MM``."""
    match = PERIOD_RE.match(period or "")
    if not match:
        return None
    year, quarter, month = int(match[1]), match[2], match[3]
    if quarter:
        first_month, months = (int(quarter) - 1) * 3 + 1, 3
    elif month:
        first_month, months = int(month), 1
    else:
        first_month, months = 1, 12
    start = date(year, first_month, 1)
    end_index = first_month - 1 + months
    end = date(year + end_index // 12, end_index % 12 + 1, 1)
    return start, end


@dataclass(frozen=True)
class ProgramFigures:
    code: str
    name: str
    name_en: str
    filed: int
    open: int
    overdue: int
    remarked: int
    corrected: int
    upheld: int
    mean_days: Decimal | None  # mean days from filing to resolution; None: none resolved


def report(*, period: str = "", today: date | None = None) -> list[ProgramFigures]:
    """Appeals filed in a period (all time without one), per program: counts, outcomes and
    mean time to resolution. 2 queries."""
    today = today or timezone.localdate()
    rows = Appeal.objects.all()
    bounds = period_range(period)
    if bounds:
        tz = timezone.get_current_timezone()
        rows = rows.filter(
            filed_at__gte=timezone.make_aware(_midnight(bounds[0]), tz),
            filed_at__lt=timezone.make_aware(_midnight(bounds[1]), tz),
        )
    counts = rows.values("program__code", "program__name", "program__name_en").annotate(
        filed=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
        remarked=Count("pk", filter=Q(outcome=Outcome.REMARKED)),
        corrected=Count("pk", filter=Q(outcome=Outcome.CORRECTED)),
        upheld=Count("pk", filter=Q(outcome=Outcome.UPHELD)),
    )
    durations: dict[str, list[timedelta]] = {}
    resolved = rows.filter(resolved_at__isnull=False).values_list(
        "program__code", "filed_at", "resolved_at"
    )
    for code, filed_at, resolved_at in resolved:
        durations.setdefault(code, []).append(resolved_at - filed_at)
    return [
        ProgramFigures(
            code=row["program__code"],
            name=row["program__name"],
            name_en=row["program__name_en"],
            filed=row["filed"],
            open=row["open"],
            overdue=row["overdue"],
            remarked=row["remarked"],
            corrected=row["corrected"],
            upheld=row["upheld"],
            mean_days=_mean_days(durations.get(row["program__code"], [])),
        )
        for row in counts.order_by("program__code")
    ]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _mean_days(spans: list[timedelta]) -> Decimal | None:
    if not spans:
        return None
    seconds = sum(span.total_seconds() for span in spans) / len(spans)
    return Decimal(str(seconds / 86400)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def open_counts(*, today: date | None = None) -> dict[str, int]:
    """Open and overdue appeals, for the assessor's dashboard panel (1 query)."""
    today = today or timezone.localdate()
    return Appeal.objects.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
        unassigned=Count("pk", filter=Q(status=Status.FILED)),
    )

"""Reads of supervisor evaluation: a manager's ratings to give, a round with its progress."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, JSONField, OuterRef, Q, QuerySet, Subquery

from assessment.models import SchemeVersion, SupervisorRating, SupervisorRound
from assessment.selectors.peer import indicator_texts_in
from assessment.services.supervisor import mean_rating


def supervisor_ratings_of(*, manager) -> QuerySet:
    """The ratings of a manager's direct reports in every round, open rounds first (one query
    with the round, the engineer and who rated)."""
    return (
        SupervisorRating.objects.filter(employee__manager=manager)
        .select_related("round", "employee", "rated_by")
        .order_by("-round__status", "-round__opened_at", "-round__pk", "employee__employee_id")
    )


def supervisor_rating_of(*, manager, pk: int) -> SupervisorRating | None:
    """One rating of a manager's direct report (None for anyone else's report)."""
    return (
        SupervisorRating.objects.select_related("round", "employee", "rated_by")
        .filter(pk=pk, employee__manager=manager)
        .first()
    )


def open_rounds_of(*, manager) -> list[dict]:
    """The open rounds in which a manager has reports to rate, with how many are rated
    (``{"round_id", "title", "period", "total", "done"}``), in one query."""
    return list(
        SupervisorRating.objects.filter(
            employee__manager=manager, round__status=SupervisorRound.Status.OPEN
        )
        .values("round_id", title=F("round__title"), period=F("round__period"))
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by("-round_id")
    )


def supervisor_round_detail(*, pk: int) -> SupervisorRound | None:
    """A round with its program and, as ``indicator_texts``, the indicator's names in both
    languages from the program's active scheme, in one query."""
    active = SchemeVersion.objects.filter(
        program=OuterRef("program"), status=SchemeVersion.Status.ACTIVE
    ).values("dimensions")[:1]
    found = (
        SupervisorRound.objects.select_related("program")
        .annotate(active_dimensions=Subquery(active, output_field=JSONField()))
        .filter(pk=pk)
        .first()
    )
    if found is not None:
        found.indicator_texts = indicator_texts_in(found.active_dimensions, found.indicator)
    return found


@dataclass(frozen=True)
class ManagerProgress:
    manager: object | None  # the user, None for engineers without a manager
    done: int
    total: int


@dataclass(frozen=True)
class RoundProgress:
    ratings: list  # SupervisorRating with employee, employee.manager and rated_by, and ``mean``
    managers: list[ManagerProgress]
    done: int

    @property
    def unmanaged(self) -> int:
        """How many engineers of the round have no manager (and so nobody to rate them)."""
        return sum(p.total for p in self.managers if p.manager is None)


def supervisor_round_progress(*, supervisor_round: SupervisorRound) -> RoundProgress:
    """Who has rated and who has not: every engineer of the round with their manager, who
    rated them and their mean, and each manager's count; one query for any number."""
    ratings = list(
        supervisor_round.ratings.select_related(
            "employee", "employee__manager", "rated_by"
        ).order_by("employee__employee_id", "pk")
    )
    by_manager: dict[int | None, list] = {}
    managers: dict[int | None, object] = {}
    for rating in ratings:
        rating.mean = mean_rating(rating.scores) if rating.submitted_at else None
        manager = rating.employee.manager
        key = manager.pk if manager else None
        managers[key] = manager
        by_manager.setdefault(key, []).append(rating)
    rows = [
        ManagerProgress(
            managers[key],
            sum(1 for r in given if r.submitted_at),
            len(given),
        )
        for key, given in by_manager.items()
    ]
    rows.sort(key=lambda p: (p.manager is None, getattr(p.manager, "employee_id", "") or ""))
    return RoundProgress(ratings, rows, sum(1 for r in ratings if r.submitted_at))

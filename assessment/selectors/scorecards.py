"""Reads of scorecards: live ones computed now from the current inputs, and finalised revisions.

Live scorecards are computed for many engineers at once with a fixed number of queries: one for
the engineers, one for their metric records, and one bulk call each for exam and case results
and for their titles (through ``assessment.inputs``), whatever the size of the cohort.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Max, QuerySet

from assessment import definition, inputs, scoring
from assessment.models import MetricRecord, Program, SchemeVersion, Scorecard
from assessment.selectors.engineers import IN_CHUNK, Engineer, engineers_by_ids
from assessment.titles import Titles


class MetricValue(NamedTuple):
    value: Decimal
    source: str
    note: str


class LiveScorecard(NamedTuple):
    """One engineer's scorecard computed now from the current inputs."""

    engineer: Engineer
    program: Program
    period: str
    version: SchemeVersion
    inputs: scoring.Inputs
    metrics: dict  # indicator code -> MetricValue
    result: scoring.Result
    titles: Titles  # of the scheme's exams and practice cases, shared by every card


def _metric_rows(*, period: str, codes: list[str], user_ids: list[int] | None):
    records = MetricRecord.objects.filter(period=period, indicator__in=codes)
    if user_ids is not None and len(user_ids) <= IN_CHUNK:
        records = records.filter(employee_id__in=user_ids)
    return records.values_list("employee_id", "indicator", "value", "source", "note").iterator(
        chunk_size=10_000
    )


def _metric_values(
    *, period: str, codes: list[str], ids: list[int], wanted: set[int] | None
) -> dict[int, dict[str, MetricValue]]:
    """user id -> indicator code -> value in the period, in one query (none without ``codes``).

    ``wanted`` None: ``ids`` is the default population, which holds everyone with a record, so
    the records are read without a filter on the engineer."""
    metrics: dict[int, dict[str, MetricValue]] = {}
    if not codes:
        return metrics
    for employee, code, value, source, note in _metric_rows(
        period=period, codes=codes, user_ids=ids if wanted is not None else None
    ):
        if wanted is not None and employee not in wanted:
            continue
        metrics.setdefault(employee, {})[code] = MetricValue(value, source, note)
    return metrics


def default_population(*, program: Program, version: SchemeVersion, period: str) -> set[int]:
    """Who a program's scorecards cover for a period: every learner enrolled in a cohort of its
    course and every engineer with a metric record for one of its indicators in that period."""
    codes = list(version.scheme().indicator_codes)
    holders = set(
        MetricRecord.objects.filter(period=period, indicator__in=codes)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    return holders | inputs.course_learner_ids(course_id=program.course_id)


def live_scorecards(
    *,
    program: Program,
    period: str,
    version: SchemeVersion | None = None,
    user_ids: Iterable[int] | None = None,
    engineers: dict[int, Engineer] | None = None,
) -> list[LiveScorecard]:
    """The scorecards of a program for a period, computed now, ordered by employee ID.

    ``version`` defaults to the active version; ``user_ids`` to :func:`default_population`;
    ``engineers`` (by user id), when the caller has read them already, to a read of them.
    """
    version = version or program.active_version
    if version is None:
        return []
    scheme = version.scheme()
    codes = list(scheme.indicator_codes)
    if user_ids is None:
        wanted = None
        ids = sorted(default_population(program=program, version=version, period=period))
    else:
        ids = sorted(set(user_ids))
        wanted = set(ids)
    if not ids:
        return []

    metrics = _metric_values(period=period, codes=codes, ids=ids, wanted=wanted)
    if engineers is None or not set(ids) <= engineers.keys():
        engineers = engineers_by_ids(ids)
    exams = inputs.exam_inputs(user_ids=ids, slugs=scheme.exams)
    cases = inputs.case_inputs(user_ids=ids, slugs=scheme.practice_cases)
    titles = inputs.titles(scheme=scheme)

    cards = []
    for user_id in ids:
        engineer = engineers.get(user_id)
        if engineer is None:
            continue
        own_metrics = metrics.get(user_id, {})
        card_inputs = scoring.Inputs(
            exams=exams.get(user_id, {}),
            practice_cases=cases.get(user_id, {}),
            metrics={code: m.value for code, m in own_metrics.items()},
        )
        cards.append(
            LiveScorecard(
                engineer=engineer,
                program=program,
                period=period,
                version=version,
                inputs=card_inputs,
                metrics=own_metrics,
                result=scoring.compute(scheme, card_inputs),
                titles=titles,
            )
        )
    cards.sort(key=lambda card: (card.engineer.employee_id, card.engineer.id))
    return cards


def live_scorecard(
    *,
    program: Program,
    period: str,
    user_id: int,
    version: SchemeVersion | None = None,
    engineer: Engineer | None = None,
) -> LiveScorecard | None:
    """One scorecard computed now; ``engineer``: the person, when the caller has read them."""
    known = {engineer.id: engineer} if engineer is not None and engineer.id == user_id else None
    cards = live_scorecards(
        program=program, period=period, version=version, user_ids=[user_id], engineers=known
    )
    return cards[0] if cards else None


def scorecard_revisions(*, user_id: int, program: Program, period: str) -> QuerySet:
    """Finalised revisions of one scorecard, newest first."""
    return (
        Scorecard.objects.filter(employee_id=user_id, program=program, period=period)
        .select_related("scheme_version", "finalised_by")
        .order_by("-revision")
    )


def latest_revisions(*, program: Program, period: str) -> dict[int, int]:
    """user id -> number of the latest finalised revision, for a program and period."""
    return dict(
        Scorecard.objects.filter(program=program, period=period)
        .values("employee_id")
        .annotate(latest=Max("revision"))
        .values_list("employee_id", "latest")
    )


@dataclass(frozen=True)
class OwnScorecard:
    program: Program
    period: str
    latest: Scorecard | None  # the latest finalised revision, if any


def own_scorecards(*, user) -> list[OwnScorecard]:
    """The (program, period) pairs an engineer has a scorecard for: a finalised revision, or
    metric records for an indicator of a program's active version. Newest period first."""
    if not user.employee_id:
        return []
    pairs: dict[tuple[int, str], OwnScorecard] = {}
    finalised = (
        Scorecard.objects.filter(employee=user)
        .select_related("program")
        .order_by("program__code", "period", "-revision")
    )
    for card in finalised:
        pairs.setdefault(
            (card.program_id, card.period), OwnScorecard(card.program, card.period, card)
        )
    own_periods: dict[str, set[str]] = {}
    for code, period in MetricRecord.objects.filter(employee=user).values_list(
        "indicator", "period"
    ):
        own_periods.setdefault(code, set()).add(period)
    if own_periods:
        versions = SchemeVersion.objects.filter(status=SchemeVersion.Status.ACTIVE).select_related(
            "program"
        )
        for version in versions:
            try:
                codes = version.scheme().indicator_codes
            except definition.DefinitionError:
                continue
            for code in codes:
                for period in own_periods.get(code, ()):
                    pairs.setdefault(
                        (version.program_id, period), OwnScorecard(version.program, period, None)
                    )
    return sorted(pairs.values(), key=lambda s: (s.period, s.program.code), reverse=True)


@dataclass(frozen=True)
class ProgramRef:
    code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class OwnScorecardRow:
    """What the dashboard's scorecards panel shows of a scorecard, as plain values."""

    program: ProgramRef
    period: str
    revision: int
    status: str
    total: Decimal | None
    acknowledged_at: datetime | None


def own_scorecard_rows(*, user, limit: int) -> list[OwnScorecardRow]:
    """The newest ``limit`` of ``own_finalised_scorecards``, as plain rows. 1 query."""
    rows = own_finalised_scorecards(user=user).values_list(
        *("program__code", "program__name", "program__name_en", "period", "revision"),
        *("status", "total", "acknowledged_at"),
    )
    return [OwnScorecardRow(ProgramRef(*values[:3]), *values[3:]) for values in rows[:limit]]


def own_finalised_scorecards(*, user) -> QuerySet:
    """An engineer's finalised scorecards, newest first."""
    return (
        Scorecard.objects.filter(employee=user)
        .select_related("program")
        .order_by("-finalised_at", "-pk")
    )

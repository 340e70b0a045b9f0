"""Reads of the assessment side: schemes, metrics and live scorecards.

Scorecards are computed here for many engineers at once with a fixed number of queries: one for
the engineers, one for their metric records, and one bulk call each for exam and case results
(through ``assessment.inputs``), whatever the size of the cohort.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Max, QuerySet

from assessment import definition, inputs, scoring
from assessment.models import (
    MetricRecord,
    PeerAssignment,
    PeerRound,
    Program,
    SchemeVersion,
    Scorecard,
)

IN_CHUNK = 5000  # ids per "IN (…)" clause; SQLite limits the number of query parameters


@dataclass(frozen=True)
class Engineer:
    id: int
    employee_id: str
    name: str
    department: str = ""
    region: str = ""


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


# --- Programs and schemes ----------------------------------------------------------------------


def programs_with_active_version() -> QuerySet:
    return Program.objects.filter(versions__status=SchemeVersion.Status.ACTIVE).order_by("code")


def program_by_code(code: str) -> Program | None:
    return Program.objects.filter(code=code).first()


def indicator_catalog() -> dict[str, scoring.Indicator]:
    """Every indicator code any scheme version defines, with the definition that applies to
    imports: the one in an active version, else the newest draft, else the newest retired one.
    """
    rank = {SchemeVersion.Status.ACTIVE: 0, SchemeVersion.Status.DRAFT: 1}
    versions = sorted(
        SchemeVersion.objects.select_related("program"),
        key=lambda v: (rank.get(v.status, 2), -v.number, v.program.code),
    )
    catalog: dict[str, scoring.Indicator] = {}
    for version in versions:
        try:
            scheme = version.scheme()
        except definition.DefinitionError:
            continue
        for indicator in scheme.indicators:
            catalog.setdefault(indicator.code, indicator)
    return catalog


def metric_periods(*, indicator_codes: Iterable[str]) -> list[str]:
    """Periods that hold a record for any of the indicators, newest first."""
    periods = (
        MetricRecord.objects.filter(indicator__in=list(indicator_codes))
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(set(periods), reverse=True)


# --- Engineers ---------------------------------------------------------------------------------


def _engineer(row) -> Engineer:
    pk, employee_id, display_name, first, last, username, department, region = row
    name = display_name or f"{first} {last}".strip() or username
    return Engineer(pk, employee_id or "", name, department, region)


ENGINEER_FIELDS = (
    "pk",
    "employee_id",
    "display_name",
    "first_name",
    "last_name",
    "username",
    "department",
    "region",
)


def engineers_by_ids(user_ids: Iterable[int]) -> dict[int, Engineer]:
    """Engineers by user id, in one query (for a large set, every user is read and filtered
    here, which keeps to one query without overflowing SQLite's limit on parameters)."""
    User = get_user_model()
    ids = set(user_ids)
    if not ids:
        return {}
    users = User.objects.all() if len(ids) > IN_CHUNK else User.objects.filter(pk__in=ids)
    return {row[0]: _engineer(row) for row in users.values_list(*ENGINEER_FIELDS) if row[0] in ids}


def engineer_by_employee_id(employee_id: str) -> Engineer | None:
    row = (
        get_user_model()
        .objects.filter(employee_id=employee_id)
        .values_list(*ENGINEER_FIELDS)
        .first()
    )
    return _engineer(row) if row else None


def user_ids_by_employee_ids(employee_ids: Iterable[str]) -> dict[str, int]:
    User = get_user_model()
    ids = sorted(set(employee_ids))
    found = {}
    for start in range(0, len(ids), IN_CHUNK):
        found.update(
            User.objects.filter(employee_id__in=ids[start : start + IN_CHUNK]).values_list(
                "employee_id", "pk"
            )
        )
    return found


# --- Live scorecards ---------------------------------------------------------------------------


def _metric_rows(*, period: str, codes: list[str], user_ids: list[int] | None):
    records = MetricRecord.objects.filter(period=period, indicator__in=codes)
    if user_ids is not None and len(user_ids) <= IN_CHUNK:
        records = records.filter(employee_id__in=user_ids)
    return records.values_list("employee_id", "indicator", "value", "source", "note").iterator(
        chunk_size=10_000
    )


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
) -> list[LiveScorecard]:
    """The scorecards of a program for a period, computed now, ordered by employee ID.

    ``version`` defaults to the active version; ``user_ids`` to :func:`default_population`.
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

    metrics: dict[int, dict[str, MetricValue]] = {}
    if codes:
        for employee, code, value, source, note in _metric_rows(
            period=period, codes=codes, user_ids=ids if wanted is not None else None
        ):
            if wanted is not None and employee not in wanted:
                continue
            metrics.setdefault(employee, {})[code] = MetricValue(value, source, note)
    engineers = engineers_by_ids(ids)
    exams = inputs.exam_inputs(user_ids=ids, slugs=scheme.exams)
    cases = inputs.case_inputs(user_ids=ids, slugs=scheme.practice_cases)

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
            )
        )
    cards.sort(key=lambda card: (card.engineer.employee_id, card.engineer.id))
    return cards


def live_scorecard(
    *, program: Program, period: str, user_id: int, version: SchemeVersion | None = None
) -> LiveScorecard | None:
    cards = live_scorecards(program=program, period=period, version=version, user_ids=[user_id])
    return cards[0] if cards else None


# --- Finalised scorecards ----------------------------------------------------------------------


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


def own_finalised_scorecards(*, user) -> QuerySet:
    """An engineer's finalised scorecards, newest first."""
    return (
        Scorecard.objects.filter(employee=user)
        .select_related("program")
        .order_by("-finalised_at", "-pk")
    )


# --- Summaries for the dashboards --------------------------------------------------------------


def program_summaries() -> list[SchemeVersion]:
    """The active version of every program (with its program), by program code."""
    return list(
        SchemeVersion.objects.filter(status=SchemeVersion.Status.ACTIVE)
        .select_related("program")
        .order_by("program__code")
    )


# --- Cohorts and what-if -----------------------------------------------------------------------


@dataclass(frozen=True)
class CohortSummary:
    count: int
    certified: int
    not_certified: int
    incomplete: int

    @property
    def pass_rate(self) -> Decimal | None:
        """Certified engineers as a percentage of everyone in the table (incomplete included)."""
        if not self.count:
            return None
        return Decimal(self.certified) * 100 / self.count


def summarise(results: Iterable[scoring.Result]) -> CohortSummary:
    counts = dict.fromkeys(scoring.STATUSES, 0)
    total = 0
    for result in results:
        counts[result.status] += 1
        total += 1
    return CohortSummary(
        total,
        counts[scoring.CERTIFIED],
        counts[scoring.NOT_CERTIFIED],
        counts[scoring.INCOMPLETE],
    )


def total_histogram(results: Iterable[scoring.Result]) -> list[tuple[str, Decimal, int]]:
    """Totals in bands of ten (0–9.99 … 90–100), as (label, lower bound, count)."""
    counts = [0] * 10
    for result in results:
        if result.total is not None:
            counts[min(int(result.total // 10), 9)] += 1
    return [
        (f"{low}–{low + 10 if low < 90 else 100}", Decimal(low), counts[low // 10])
        for low in range(0, 100, 10)
    ]


def cohort_scorecards(
    *, program: Program, period: str, cohort_id: int | None = None, version=None
) -> list[LiveScorecard]:
    """A program's live scorecards for a period, limited to one cohort when ``cohort_id``."""
    if cohort_id is None:
        return live_scorecards(program=program, period=period, version=version)
    members = inputs.cohort_learner_ids(cohort_id=cohort_id)
    return live_scorecards(program=program, period=period, version=version, user_ids=members)


@dataclass(frozen=True)
class ImpactRow:
    engineer: Engineer
    before: scoring.Result | None
    after: scoring.Result


@dataclass(frozen=True)
class Impact:
    active: SchemeVersion | None
    draft: SchemeVersion
    period: str
    rows: list[ImpactRow]
    before: CohortSummary | None
    after: CohortSummary


def scheme_impact(*, draft: SchemeVersion, period: str) -> Impact:
    """Every engineer's total and status under the active version and under ``draft``."""
    program = draft.program
    active = program.active_version
    people = default_population(program=program, version=draft, period=period)
    if active is not None:
        people |= default_population(program=program, version=active, period=period)
    after = {
        c.engineer.id: c
        for c in live_scorecards(program=program, period=period, version=draft, user_ids=people)
    }
    before = {}
    if active is not None:
        before = {
            c.engineer.id: c.result
            for c in live_scorecards(
                program=program, period=period, version=active, user_ids=people
            )
        }
    rows = [
        ImpactRow(card.engineer, before.get(user_id), card.result)
        for user_id, card in sorted(after.items(), key=lambda item: item[1].engineer.employee_id)
    ]
    return Impact(
        active=active,
        draft=draft,
        period=period,
        rows=rows,
        before=summarise(before.values()) if active is not None else None,
        after=summarise(c.result for c in after.values()),
    )


# --- Metrics -----------------------------------------------------------------------------------


def metric_records(*, period: str = "", indicator: str = "", employee_id: str = "") -> QuerySet:
    records = MetricRecord.objects.select_related("employee", "updated_by").order_by(
        "employee__employee_id", "indicator", "period"
    )
    if period:
        records = records.filter(period=period)
    if indicator:
        records = records.filter(indicator=indicator)
    if employee_id:
        records = records.filter(employee__employee_id=employee_id)
    return records


def all_metric_periods() -> list[str]:
    return sorted(
        set(MetricRecord.objects.values_list("period", flat=True).distinct()), reverse=True
    )


# --- Peer evaluation ---------------------------------------------------------------------------


def peer_assignments_to_rate(*, user) -> QuerySet:
    """The teammates an engineer still has to rate in open rounds."""
    return PeerAssignment.objects.filter(
        rater=user, round__status=PeerRound.Status.OPEN, submitted_at__isnull=True
    )


def peer_assignments_of(*, user) -> QuerySet:
    """Every assignment of an engineer as a rater, in open rounds first."""
    return (
        PeerAssignment.objects.filter(rater=user)
        .select_related("round", "ratee")
        .order_by("-round__status", "-round__opened_at", "ratee__employee_id")
    )

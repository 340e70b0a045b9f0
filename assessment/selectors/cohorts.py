"""Reads for the cohort table and the what-if of a draft scheme version: live scorecards of a
cohort, their summary and histogram, and every engineer's result before and after."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from assessment import inputs, scoring
from assessment.models import Program, SchemeVersion
from assessment.selectors.engineers import Engineer
from assessment.selectors.scorecards import LiveScorecard, default_population, live_scorecards


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
    *,
    program: Program,
    period: str,
    cohort_id: int | None = None,
    version=None,
    within: set[int] | None = None,
) -> list[LiveScorecard]:
    """A program's live scorecards for a period, limited to one cohort when ``cohort_id`` and
    to the people ``within`` (a unit's) when given."""
    if cohort_id is None and within is None:
        return live_scorecards(program=program, period=period, version=version)
    if cohort_id is not None:
        people = set(inputs.cohort_learner_ids(cohort_id=cohort_id))
    else:
        active = version or program.active_version
        if active is None:
            return []
        people = default_population(program=program, version=active, period=period)
    if within is not None:
        people &= within
    return live_scorecards(program=program, period=period, version=version, user_ids=people)


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

"""Rubric scoring and the double-marking rule, as pure functions over plain values.

Nothing here touches the database: callers turn rubric rows and marks into the dataclasses
below. Formulas (``docs/decisions/0300-rubric-score-formula.md``,
``docs/decisions/0302-double-marking-and-moderation.md``):

* score = points earned / points possible × 100, where points possible is the sum over the
  criteria of the points of their best level; rounded half up to two decimals;
* a mark passes when score ≥ pass mark and every critical criterion reaches its minimum level;
* two independent marks are reconciled by their mean unless the totals differ by more than the
  tolerance or one passes and the other fails; then a moderator decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal("100")
CENT = Decimal("0.01")


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LevelSpec:
    id: int
    points: Decimal


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion and its levels. ``minimum_level`` counts from the lowest-scoring level (1)."""

    id: int
    levels: tuple[LevelSpec, ...]
    critical: bool = False
    minimum_level: int | None = None

    @property
    def ranked(self) -> tuple[LevelSpec, ...]:
        """Levels from the fewest points to the most."""
        return tuple(sorted(self.levels, key=lambda level: (level.points, level.id)))

    @property
    def max_points(self) -> Decimal:
        return max((level.points for level in self.levels), default=Decimal("0"))

    def rank(self, level_id: int) -> int:
        """0-based position of a level from the lowest-scoring one."""
        for position, level in enumerate(self.ranked):
            if level.id == level_id:
                return position
        raise KeyError(level_id)

    def points(self, level_id: int) -> Decimal:
        return self.ranked[self.rank(level_id)].points

    def meets_minimum(self, level_id: int | None) -> bool:
        if not self.critical or not self.minimum_level:
            return True
        if level_id is None:
            return False
        return self.rank(level_id) + 1 >= self.minimum_level


@dataclass(frozen=True)
class RubricScore:
    points_earned: Decimal
    points_possible: Decimal
    percent: Decimal
    complete: bool  # every criterion has a level
    critical_failures: tuple[int, ...]  # ids of critical criteria below their minimum

    def passed(self, pass_mark: Decimal) -> bool:
        return self.complete and self.percent >= pass_mark and not self.critical_failures


def score_rubric(
    criteria: Sequence[CriterionSpec], chosen: Mapping[int, int | None]
) -> RubricScore:
    """Score a set of chosen levels (``{criterion_id: level_id or None}``)."""
    earned = Decimal("0")
    possible = Decimal("0")
    complete = True
    failures = []
    for criterion in criteria:
        possible += criterion.max_points
        level_id = chosen.get(criterion.id)
        if level_id is None:
            complete = False
        else:
            earned += criterion.points(level_id)
        if not criterion.meets_minimum(level_id):
            failures.append(criterion.id)
    percent = quantize(earned / possible * HUNDRED) if possible else Decimal("0.00")
    return RubricScore(
        points_earned=earned,
        points_possible=possible,
        percent=percent,
        complete=complete,
        critical_failures=tuple(failures),
    )


@dataclass(frozen=True)
class IndependentMark:
    percent: Decimal
    passed: bool


@dataclass(frozen=True)
class Reconciliation:
    difference: Decimal  # absolute difference of the two totals
    totals_differ: bool  # difference > tolerance
    verdicts_differ: bool  # one passes, the other fails
    final_percent: Decimal | None  # the mean, when no moderation is needed
    passed: bool | None

    @property
    def needs_moderation(self) -> bool:
        return self.totals_differ or self.verdicts_differ


def reconcile(
    first: IndependentMark, second: IndependentMark, *, tolerance: Decimal
) -> Reconciliation:
    """Combine two independent marks, or say why a moderator must decide."""
    difference = abs(first.percent - second.percent)
    totals_differ = difference > tolerance
    verdicts_differ = first.passed != second.passed
    if totals_differ or verdicts_differ:
        return Reconciliation(difference, totals_differ, verdicts_differ, None, None)
    mean = quantize((first.percent + second.percent) / 2)
    return Reconciliation(difference, False, False, mean, first.passed)

"""How consistently graders mark the same reports: pure statistics over double marks.

Inputs are plain values built by ``cases.selectors.grader_agreement.agreement_marks``. A
*rating* is one criterion of one report as marked by both graders, expressed as the 0-based rank
of the chosen level (0 = the level worth the fewest points). Definitions
(``docs/decisions/0303-grader-agreement.md``):

* exact agreement: share of ratings where both graders chose the same level;
* adjacent agreement: share where they chose the same level or neighbouring ones;
* mean absolute difference: mean over reports of |total A − total B| (points out of 100);
* quadratic-weighted Cohen's kappa over all ratings, with categories 0 … K−1 where K is the
  largest number of levels of any criterion: κ = 1 − Σ wᵢⱼ Oᵢⱼ / Σ wᵢⱼ Eᵢⱼ, with
  wᵢⱼ = (i − j)² / (K − 1)², O the observed counts and Eᵢⱼ = rowᵢ × colⱼ / N;
* severity of a grader: mean over finalised reports of (their total − the final score);
  negative means harsher than the final result, positive more lenient.

Every figure carries ``n``, the number of ratings or reports behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    n: int


@dataclass(frozen=True)
class DoubleMark:
    """One report marked independently by two graders."""

    report_id: int
    grader_a: int
    grader_b: int
    ranks_a: tuple[int, ...]  # one rank per criterion, same order in both
    ranks_b: tuple[int, ...]
    total_a: Decimal
    total_b: Decimal
    final: Decimal | None  # the final score, once the report is finalised
    categories: int  # K: the most levels any criterion of the rubric has


@dataclass(frozen=True)
class AgreementStats:
    reports: int
    exact: Figure  # percent
    adjacent: Figure  # percent
    mean_absolute_difference: Figure  # points
    kappa: Figure


def _decimal(value: Fraction, places: str) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


def rating_pairs(marks: Iterable[DoubleMark]) -> list[tuple[int, int]]:
    pairs = []
    for mark in marks:
        pairs.extend(zip(mark.ranks_a, mark.ranks_b, strict=True))
    return pairs


def exact_agreement(pairs: Sequence[tuple[int, int]]) -> Figure:
    if not pairs:
        return Figure(None, 0)
    same = sum(1 for a, b in pairs if a == b)
    return Figure(_decimal(Fraction(same * 100, len(pairs)), "0.1"), len(pairs))


def adjacent_agreement(pairs: Sequence[tuple[int, int]]) -> Figure:
    if not pairs:
        return Figure(None, 0)
    near = sum(1 for a, b in pairs if abs(a - b) <= 1)
    return Figure(_decimal(Fraction(near * 100, len(pairs)), "0.1"), len(pairs))


def mean_absolute_difference(totals: Sequence[tuple[Decimal, Decimal]]) -> Figure:
    if not totals:
        return Figure(None, 0)
    total = sum((abs(a - b) for a, b in totals), Decimal("0"))
    return Figure((total / len(totals)).quantize(Decimal("0.01"), ROUND_HALF_UP), len(totals))


def quadratic_weighted_kappa(pairs: Sequence[tuple[int, int]], categories: int) -> Figure:
    """Cohen's kappa with quadratic weights; ``None`` when it is undefined (no ratings, one
    category, or both graders always using a single level, so no disagreement is expected)."""
    n = len(pairs)
    if n == 0 or categories < 2:
        return Figure(None, n)
    observed = [[0] * categories for _ in range(categories)]
    for a, b in pairs:
        observed[a][b] += 1
    rows = [sum(row) for row in observed]
    cols = [sum(observed[i][j] for i in range(categories)) for j in range(categories)]
    span = (categories - 1) ** 2
    observed_disagreement = Fraction(0)
    expected_disagreement = Fraction(0)
    for i in range(categories):
        for j in range(categories):
            weight = Fraction((i - j) ** 2, span)
            observed_disagreement += weight * observed[i][j]
            expected_disagreement += weight * Fraction(rows[i] * cols[j], n)
    if expected_disagreement == 0:
        return Figure(None, n)
    return Figure(_decimal(1 - observed_disagreement / expected_disagreement, "0.001"), n)


def summarise(marks: Sequence[DoubleMark]) -> AgreementStats:
    pairs = rating_pairs(marks)
    categories = max((mark.categories for mark in marks), default=0)
    return AgreementStats(
        reports=len(marks),
        exact=exact_agreement(pairs),
        adjacent=adjacent_agreement(pairs),
        mean_absolute_difference=mean_absolute_difference(
            [(mark.total_a, mark.total_b) for mark in marks]
        ),
        kappa=quadratic_weighted_kappa(pairs, categories),
    )


def severity(marks: Iterable[DoubleMark]) -> dict[int, Figure]:
    """Each grader's mean deviation from the final score, over finalised reports."""
    deviations: dict[int, list[Decimal]] = defaultdict(list)
    for mark in marks:
        if mark.final is None:
            continue
        deviations[mark.grader_a].append(mark.total_a - mark.final)
        deviations[mark.grader_b].append(mark.total_b - mark.final)
    return {
        grader: Figure(
            (sum(values, Decimal("0")) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP),
            len(values),
        )
        for grader, values in deviations.items()
    }


def by_pair(marks: Iterable[DoubleMark]) -> dict[tuple[int, int], AgreementStats]:
    """Agreement of each pair of graders (ids in ascending order) over the reports they shared."""
    groups: dict[tuple[int, int], list[DoubleMark]] = defaultdict(list)
    for mark in marks:
        groups[tuple(sorted((mark.grader_a, mark.grader_b)))].append(mark)
    return {pair: summarise(group) for pair, group in sorted(groups.items())}

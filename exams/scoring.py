"""How answers become points and attempts become a grade: pure functions over plain values.

Decimal in, Decimal out; nothing here touches the database, so every figure a learner or a
trainer sees can be recomputed by hand from the attempt's frozen snapshot. Points are rounded to
two decimals (half up) once, where a question's score is decided; percentages likewise.

Rules (Moodle's and Open edX's, made explicit):

- single choice and true/false: full points when the one chosen key is the right one;
- multiple choice, all or nothing: full points when the chosen set is exactly the right set;
- multiple choice, partial credit: with k right choices, +1/k for each right choice chosen and
  −1/k for each wrong choice chosen, floored at 0, times the points;
- essay: the points a trainer awards (0 ≤ awarded ≤ points);
- the quiz grade over graded attempts: highest, last, first, or the average of the percentages;
- points by group (a module or a question type, on the result page): Σ points earned and
  Σ points possible of the group's questions, percent = earned × 100 / possible (0 when the
  group is worth nothing), two decimals half up;
- retakes: an attempt awaiting marking makes the quiz result unknown only when it can change
  it. Under "highest" the best graded attempt is a lower bound: the result is that, marked
  *provisional*. Under "first" only the first finished attempt counts: the result waits for it
  alone. Under "last" it waits for the last finished attempt; under "average" for every one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
ESSAY = "essay"
ALL_OR_NOTHING = "all_or_nothing"
PARTIAL = "partial"

HIGHEST = "highest"
LAST = "last"
FIRST = "first"
AVERAGE = "average"
GRADING_METHODS = (HIGHEST, LAST, FIRST, AVERAGE)


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def multiple_choice_fraction(
    *, correct: Collection[str], chosen: Collection[str], partial: bool
) -> Decimal:
    """The share of the points (0–1) earned by a multiple-choice answer."""
    right_set, chosen_set = set(correct), set(chosen)
    if not right_set:
        return ZERO
    if not partial:
        return ONE if chosen_set == right_set else ZERO
    k = Decimal(len(right_set))
    right = Decimal(len(chosen_set & right_set))
    wrong = Decimal(len(chosen_set - right_set))
    return max(ZERO, (right - wrong) / k)


def score_choice_answer(
    *,
    kind: str,
    scoring: str,
    points: Decimal,
    correct: Collection[str],
    chosen: Collection[str],
) -> Decimal:
    """Points earned by an answer to a single-choice, multiple-choice or true/false question."""
    if kind == ESSAY:
        raise ValueError("essays are marked by a trainer, not scored automatically")
    if kind == MULTIPLE:
        fraction = multiple_choice_fraction(
            correct=correct, chosen=chosen, partial=scoring == PARTIAL
        )
    else:
        fraction = ONE if len(chosen) == 1 and set(chosen) == set(correct) else ZERO
    return quantize(points * fraction)


def check_essay_points(*, awarded: Decimal, points: Decimal) -> Decimal:
    """The points a marker awards, validated and rounded; ValueError when out of range."""
    if awarded < ZERO or awarded > points:
        raise ValueError(f"points must be between 0 and {points}")
    return quantize(awarded)


def attempt_total(scores: Sequence[Decimal | None]) -> Decimal | None:
    """The attempt's score, or None while any question (an essay) is still unmarked."""
    if any(score is None for score in scores):
        return None
    return quantize(sum(scores, ZERO))


def percent(score: Decimal, max_score: Decimal) -> Decimal:
    """Score as a percentage of the maximum (0–100, two decimals); 0 when nothing to score."""
    if max_score <= ZERO:
        return ZERO
    return quantize(score * HUNDRED / max_score)


def quiz_grade(*, method: str, percents: Sequence[Decimal]) -> Decimal | None:
    """The quiz result from graded attempts' percentages in attempt order; None if none."""
    if method not in GRADING_METHODS:
        raise ValueError(f"unknown grading method {method!r}")
    if not percents:
        return None
    if method == HIGHEST:
        return max(percents)
    if method == FIRST:
        return percents[0]
    if method == LAST:
        return percents[-1]
    return quantize(sum(percents, ZERO) / Decimal(len(percents)))


class QuizResult(NamedTuple):
    """A learner's quiz result under the grading method, with the attempts awaiting marking."""

    percent: Decimal | None  # None: no graded attempt, or the result waits for marking
    pending: bool  # an attempt awaiting marking decides the result (percent is None)
    provisional: bool  # percent is a lower bound that an attempt awaiting marking may raise
    awaiting_marking: tuple[int, ...]  # numbers of every finished attempt awaiting marking


def quiz_result(*, method: str, attempts: Sequence[tuple[int, Decimal | None]]) -> QuizResult:
    """The quiz result from finished attempts as (number, percent); percent None: awaiting marking.

    Attempts in progress are not finished and are not passed here.
    """
    if method not in GRADING_METHODS:
        raise ValueError(f"unknown grading method {method!r}")
    ordered = sorted(attempts, key=lambda attempt: attempt[0])
    awaiting = tuple(number for number, percent in ordered if percent is None)
    graded = [percent for _number, percent in ordered if percent is not None]
    if method == HIGHEST:
        pending = bool(awaiting) and not graded
    elif method == FIRST:
        pending = bool(ordered) and ordered[0][1] is None
    elif method == LAST:
        pending = bool(ordered) and ordered[-1][1] is None
    else:
        pending = bool(awaiting)
    if pending:
        return QuizResult(None, True, False, awaiting)
    return QuizResult(
        percent=quiz_grade(method=method, percents=graded),
        pending=False,
        provisional=method == HIGHEST and bool(awaiting),
        awaiting_marking=awaiting,
    )


def has_passed(*, percent: Decimal | None, pass_mark: Decimal) -> bool | None:
    return None if percent is None else percent >= pass_mark


class PointsRow(NamedTuple):
    """Points earned and possible in one group of an attempt's questions."""

    label: str
    earned: Decimal
    possible: Decimal
    percent: Decimal


def points_by(items: Iterable[tuple[str, Decimal | None, Decimal]]) -> list[PointsRow]:
    """Points per group from (group, points earned, points possible) of each question, the
    groups in the order they first appear. Every question must be marked: a graded attempt's;
    ValueError for one awaiting marking (earned None)."""
    earned: dict[str, Decimal] = {}
    possible: dict[str, Decimal] = {}
    for group, score, points in items:
        if score is None:
            raise ValueError("every question must be marked before its points are grouped")
        earned[group] = earned.get(group, ZERO) + score
        possible[group] = possible.get(group, ZERO) + points
    return [
        PointsRow(
            group,
            quantize(earned[group]),
            quantize(possible[group]),
            percent(earned[group], possible[group]),
        )
        for group in earned
    ]

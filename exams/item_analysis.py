"""Item analysis of an exam: pure statistics over plain values (Decimal, no ORM).

Input: one ``AttemptScores`` per graded attempt, holding for each question it contained the
fraction of the points earned (0–1), the slot it filled, and the choice keys picked.

- Facility index (Moodle's "facility"): mean fraction earned on the question, as a percentage.
- Discrimination index: Pearson correlation, ×100, between the question's fraction and the rest
  of the test (the attempt's percentage over the *other* questions) — Moodle's definition. It
  needs at least two attempts with the question and some spread; otherwise None.
- Test statistics over attempt percentages: mean, median, sample standard deviation.
- Cronbach's alpha over the exam's slots (a fixed question is its own slot; each question drawn
  at random fills a slot of its draw), so an exam built from random draws still has a stable set
  of k items: alpha = k/(k−1) · (1 − Σ var(slot) / var(total)).
- Histogram of percentages in ten bands 0–10 … 90–100 (100 falls in the last band).
- Answer-position bias of the bank: over choice questions as their authors wrote them, the
  share whose first choice is a right one, next to the share chance would give,
  expected = mean over questions of (right choices / choices) — 25 % for four-choice single
  questions. Authors who habitually write the right answer first score near 100 %; learners
  never see that order in a shuffled exam, but it shows the habit to correct in the bank.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from exams.scoring import HUNDRED, ZERO, quantize


@dataclass(frozen=True)
class ItemScore:
    question_ref: int
    slot: int
    fraction: Decimal  # 0–1
    points: Decimal  # the question's maximum points in this attempt
    chosen: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttemptScores:
    attempt_id: int
    percent: Decimal
    items: tuple[ItemScore, ...]


@dataclass(frozen=True)
class ItemStats:
    question_ref: int
    attempts: int
    facility: Decimal | None
    discrimination: Decimal | None
    choice_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ExamStats:
    attempts: int
    mean: Decimal | None
    median: Decimal | None
    sd: Decimal | None
    alpha: Decimal | None
    histogram: tuple[int, ...]  # ten bands


@dataclass(frozen=True)
class PositionBias:
    questions: int  # choice questions considered
    right_first: int  # of them, those whose first authored choice is right
    share: Decimal | None  # right_first / questions, in %
    expected: Decimal | None  # the share expected by chance, in %


def mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, ZERO) / len(values) if values else None


def median(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def variance(values: Sequence[Decimal]) -> Decimal | None:
    """Sample variance (n − 1); None for fewer than two values."""
    if len(values) < 2:
        return None
    m = mean(values)
    return sum(((v - m) ** 2 for v in values), ZERO) / (len(values) - 1)


def sd(values: Sequence[Decimal]) -> Decimal | None:
    var = variance(values)
    return None if var is None else var.sqrt()


def pearson(xs: Sequence[Decimal], ys: Sequence[Decimal]) -> Decimal | None:
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    mx, my = mean(xs), mean(ys)
    sxy = sum(((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)), ZERO)
    sxx = sum(((x - mx) ** 2 for x in xs), ZERO)
    syy = sum(((y - my) ** 2 for y in ys), ZERO)
    if sxx == 0 or syy == 0:
        return None
    return sxy / (sxx * syy).sqrt()


def cronbach_alpha(matrix: Sequence[Sequence[Decimal]]) -> Decimal | None:
    """Alpha of a complete attempts × items matrix; None when it is undefined."""
    if len(matrix) < 2:
        return None
    k = len(matrix[0])
    if k < 2 or any(len(row) != k for row in matrix):
        return None
    item_vars = [variance([row[i] for row in matrix]) for i in range(k)]
    total_var = variance([sum(row, ZERO) for row in matrix])
    if not total_var:
        return None
    return Decimal(k) / Decimal(k - 1) * (1 - sum(item_vars, ZERO) / total_var)


def histogram(percents: Sequence[Decimal], bands: int = 10) -> tuple[int, ...]:
    counts = [0] * bands
    width = HUNDRED / bands
    for value in percents:
        index = min(bands - 1, max(0, int(value / width)))
        counts[index] += 1
    return tuple(counts)


def item_statistics(attempts: Sequence[AttemptScores]) -> dict[int, ItemStats]:
    """Facility, discrimination and choice counts of every question met in ``attempts``."""
    fractions: dict[int, list[Decimal]] = defaultdict(list)
    rests: dict[int, list[Decimal]] = defaultdict(list)
    choices: dict[int, Counter] = defaultdict(Counter)
    for attempt in attempts:
        total_points = sum((item.points for item in attempt.items), ZERO)
        earned = sum((item.fraction * item.points for item in attempt.items), ZERO)
        for item in attempt.items:
            fractions[item.question_ref].append(item.fraction)
            other_points = total_points - item.points
            rest = (
                (earned - item.fraction * item.points) * HUNDRED / other_points
                if other_points > 0
                else ZERO
            )
            rests[item.question_ref].append(rest)
            choices[item.question_ref].update(item.chosen)
    result = {}
    for ref, values in fractions.items():
        correlation = pearson(values, rests[ref])
        result[ref] = ItemStats(
            question_ref=ref,
            attempts=len(values),
            facility=quantize(mean(values) * HUNDRED),
            discrimination=None if correlation is None else quantize(correlation * HUNDRED),
            choice_counts=dict(choices[ref]),
        )
    return result


def exam_statistics(attempts: Sequence[AttemptScores]) -> ExamStats:
    percents = [attempt.percent for attempt in attempts]
    slots = sorted({item.slot for attempt in attempts for item in attempt.items})
    matrix = []
    for attempt in attempts:
        by_slot = {item.slot: item.fraction * item.points for item in attempt.items}
        if all(slot in by_slot for slot in slots):
            matrix.append([by_slot[slot] for slot in slots])
    alpha = cronbach_alpha(matrix)
    deviation = sd(percents)
    return ExamStats(
        attempts=len(attempts),
        mean=None if not percents else quantize(mean(percents)),
        median=None if not percents else quantize(median(percents)),
        sd=None if deviation is None else quantize(deviation),
        alpha=None if alpha is None else alpha.quantize(Decimal("0.001")),
        histogram=histogram(percents),
    )


def position_bias(questions: Sequence[Sequence[bool]]) -> PositionBias:
    """Answer-position bias over choice questions, each given as "is right?" per choice in the
    author's order (see the module docstring). Questions without choices are ignored."""
    authored = [tuple(rights) for rights in questions if rights]
    if not authored:
        return PositionBias(questions=0, right_first=0, share=None, expected=None)
    right_first = sum(1 for rights in authored if rights[0])
    chance = sum((Decimal(sum(rights)) / len(rights) for rights in authored), ZERO)
    count = len(authored)
    return PositionBias(
        questions=count,
        right_first=right_first,
        share=quantize(Decimal(right_first) * HUNDRED / count),
        expected=quantize(chance * HUNDRED / count),
    )

"""How one certification score is derived from its inputs: pure functions over plain values.

Nothing here touches the database, the request or the clock. Every figure on a scorecard comes
out of :func:`compute`, so every figure can be traced back through this module to its inputs.
The formula is explained in ``docs/decisions/0400-certification-score-formula.md``:

* indicator score = clamp((value − worst) / (best − worst), 0, 1) × 100, or the score of the
  first band that holds the value when the indicator has bands (0 when none holds it);
* dimension = Σ indicator weight / 100 × indicator score;
* on_the_job = Σ dimension weight / 100 × dimension score;
* exam = mean of the certification exams' percentages; practice = mean of the cases' percentages;
  an exam result that waits for marking is missing, a *provisional* one (under "highest", the
  best graded attempt while a retake awaits marking: a lower bound) counts, with a note;
* total = Σ component weight / 100 × component score.

Status: ``incomplete`` when any input is missing (each listed), else ``not_certified`` when the
total is below the pass mark or a gate fails (each listed), else ``certified``. Grade: the highest
band whose minimum the total reaches, else ``fail``. Numbers are exact ``Decimal`` values; they are
rounded only for display, by :func:`display` (2 decimals, half up).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

HUNDRED = Decimal(100)
ZERO = Decimal(0)
ONE = Decimal(1)
TWO_PLACES = Decimal("0.01")

CERTIFIED = "certified"
NOT_CERTIFIED = "not_certified"
INCOMPLETE = "incomplete"
STATUSES = (CERTIFIED, NOT_CERTIFIED, INCOMPLETE)
FAIL_GRADE = "fail"

EXAM = "exam"
PRACTICE = "practice"
ON_THE_JOB = "on_the_job"
COMPONENTS = (EXAM, PRACTICE, ON_THE_JOB)


@dataclass(frozen=True)
class Band:
    """A value range that earns a fixed score; a missing bound is open."""

    score: Decimal
    min: Decimal | None = None
    max: Decimal | None = None

    def holds(self, value: Decimal) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    weight: Decimal
    worst: Decimal
    best: Decimal
    unit: str = ""
    source: str = ""
    bands: tuple[Band, ...] = ()
    suggestion: str = ""
    suggestion_below: Decimal = Decimal(60)
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    name_en: str = ""  # the English texts (optional); see lms.bilingual
    unit_en: str = ""
    suggestion_en: str = ""

    @property
    def lower_is_better(self) -> bool:
        return self.best < self.worst


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str
    weight: Decimal
    indicators: tuple[Indicator, ...]
    name_en: str = ""


@dataclass(frozen=True)
class GradeBand:
    code: str
    min: Decimal
    name: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class Scheme:
    exam_weight: Decimal
    practice_weight: Decimal
    on_the_job_weight: Decimal
    exams: tuple[str, ...]
    practice_cases: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    pass_mark: Decimal
    grade_bands: tuple[GradeBand, ...] = ()
    exam_min: Decimal | None = None
    practice_min: Decimal | None = None
    dimension_min: Decimal | None = None

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    def component_weight(self, component: str) -> Decimal:
        return {
            EXAM: self.exam_weight,
            PRACTICE: self.practice_weight,
            ON_THE_JOB: self.on_the_job_weight,
        }[component]


@dataclass(frozen=True)
class ExamInput:
    """A certification exam's result under the quiz's grading method (``None``: no result).

    ``pending_marking``: an attempt awaiting marking decides the result, which counts as
    missing. ``provisional``: the percent is the best graded attempt so far ("highest") and the
    attempts ``awaiting_marking`` can only raise it; it is scored, with a note.
    """

    percent: Decimal | None
    pending_marking: bool = False
    provisional: bool = False
    awaiting_marking: tuple[int, ...] = ()


@dataclass(frozen=True)
class CaseInput:
    """A practice case's final score (``None``: not graded yet) and its status in the quiz app."""

    percent: Decimal | None
    status: str = ""


@dataclass(frozen=True)
class Inputs:
    """Everything one engineer's score depends on. A missing key means "no result"."""

    exams: Mapping[str, ExamInput]
    practice_cases: Mapping[str, CaseInput]
    metrics: Mapping[str, Decimal]


# --- The result ------------------------------------------------------------------------------
# Results are named tuples: immutable like the rest, and cheap to create for 10,000 engineers.

# Why an input counts as missing.
NO_RESULT = "no_result"
PENDING_MARKING = "pending_marking"
NOT_GRADED = "not_graded"
NO_VALUE = "no_value"


class Missing(NamedTuple):
    kind: str  # "exam", "practice_case" or "indicator"
    code: str
    why: str  # NO_RESULT, PENDING_MARKING, NOT_GRADED or NO_VALUE
    name: str = ""


class Reason(NamedTuple):
    """A failed condition: the total below the pass mark, or a gate."""

    kind: str  # "pass_mark", "exam_min", "practice_min" or "dimension_min"
    score: Decimal
    minimum: Decimal
    code: str = ""  # the dimension's code for "dimension_min"
    name: str = ""


class IndicatorResult(NamedTuple):
    code: str
    name: str
    unit: str
    source: str
    weight: Decimal
    value: Decimal | None
    score: Decimal | None
    contribution: Decimal | None  # weight / 100 × score: its share of the dimension score
    worst: Decimal
    best: Decimal
    band: int | None = None  # index of the band that gave the score
    suggestion: str = ""  # the scheme's suggestion when the score is below its threshold


class DimensionResult(NamedTuple):
    code: str
    name: str
    weight: Decimal
    score: Decimal | None
    contribution: Decimal | None  # weight / 100 × score: its share of the on-the-job score
    indicators: tuple[IndicatorResult, ...]


class PartResult(NamedTuple):
    """One certification exam or practice case inside its component."""

    code: str
    percent: Decimal | None
    # A provisional exam result: the attempts awaiting marking that may still raise the percent.
    awaiting_marking: tuple[int, ...] = ()


class ComponentResult(NamedTuple):
    code: str  # EXAM, PRACTICE or ON_THE_JOB
    weight: Decimal
    score: Decimal | None
    contribution: Decimal | None  # weight / 100 × score: its share of the total
    parts: tuple[PartResult, ...] = ()
    dimensions: tuple[DimensionResult, ...] = ()


class Result(NamedTuple):
    status: str
    total: Decimal | None
    grade: str | None
    pass_mark: Decimal
    components: tuple[ComponentResult, ...]
    missing: tuple[Missing, ...]
    reasons: tuple[Reason, ...]

    def component(self, code: str) -> ComponentResult:
        return next(c for c in self.components if c.code == code)

    @property
    def dimensions(self) -> tuple[DimensionResult, ...]:
        return self.component(ON_THE_JOB).dimensions

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    @property
    def provisional_parts(self) -> tuple[PartResult, ...]:
        """Exam results that attempts awaiting marking may still raise (never lower)."""
        return tuple(p for c in self.components for p in c.parts if p.awaiting_marking)


# --- The formula -----------------------------------------------------------------------------


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    if value < low:
        return low
    if value > high:
        return high
    return value


def indicator_score(indicator: Indicator, value: Decimal) -> tuple[Decimal, int | None]:
    """The 0–100 score of a raw value, and the index of the band that gave it (if any)."""
    if indicator.bands:
        for index, band in enumerate(indicator.bands):
            if band.holds(value):
                return band.score, index
        return ZERO, None
    ratio = (value - indicator.worst) / (indicator.best - indicator.worst)
    return clamp(ratio, ZERO, ONE) * HUNDRED, None


def weighted(weight: Decimal, score: Decimal) -> Decimal:
    return weight / HUNDRED * score


def mean(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO) / len(values)


def grade_for(total: Decimal, bands: tuple[GradeBand, ...]) -> str:
    """The code of the highest band whose minimum the total reaches, else ``fail``."""
    for band in sorted(bands, key=lambda b: b.min, reverse=True):
        if total >= band.min:
            return band.code
    return FAIL_GRADE


def _score_dimension(dimension: Dimension, metrics: Mapping[str, Decimal], missing: list):
    results = []
    complete = True
    for indicator in dimension.indicators:
        value = metrics.get(indicator.code)
        if value is None:
            complete = False
            missing.append(Missing("indicator", indicator.code, NO_VALUE, indicator.name))
            results.append(
                IndicatorResult(
                    code=indicator.code,
                    name=indicator.name,
                    unit=indicator.unit,
                    source=indicator.source,
                    weight=indicator.weight,
                    value=None,
                    score=None,
                    contribution=None,
                    worst=indicator.worst,
                    best=indicator.best,
                )
            )
            continue
        score, band = indicator_score(indicator, value)
        # Positional arguments, in the field order of IndicatorResult (this runs for every
        # indicator of every engineer of a cohort).
        results.append(
            IndicatorResult(
                indicator.code,
                indicator.name,
                indicator.unit,
                indicator.source,
                indicator.weight,
                value,
                score,
                weighted(indicator.weight, score),
                indicator.worst,
                indicator.best,
                band,
                indicator.suggestion if score < indicator.suggestion_below else "",
            )
        )
    score = sum((r.contribution for r in results), ZERO) if complete else None
    return DimensionResult(
        code=dimension.code,
        name=dimension.name,
        weight=dimension.weight,
        score=score,
        contribution=weighted(dimension.weight, score) if score is not None else None,
        indicators=tuple(results),
    )


def _exam_component(scheme: Scheme, inputs: Inputs, missing: list) -> ComponentResult:
    parts = []
    for slug in scheme.exams:
        result = inputs.exams.get(slug)
        if result is None or result.percent is None or result.pending_marking:
            why = PENDING_MARKING if result is not None and result.pending_marking else NO_RESULT
            missing.append(Missing("exam", slug, why))
            parts.append(PartResult(slug, None))
        elif result.provisional:
            parts.append(PartResult(slug, result.percent, tuple(result.awaiting_marking)))
        else:
            parts.append(PartResult(slug, result.percent))
    return _component(EXAM, scheme.exam_weight, parts)


def _practice_component(scheme: Scheme, inputs: Inputs, missing: list) -> ComponentResult:
    parts = []
    for slug in scheme.practice_cases:
        result = inputs.practice_cases.get(slug)
        if result is None or result.percent is None:
            missing.append(Missing("practice_case", slug, NOT_GRADED if result else NO_RESULT))
            parts.append(PartResult(slug, None))
        else:
            parts.append(PartResult(slug, result.percent))
    return _component(PRACTICE, scheme.practice_weight, parts)


def _component(code: str, weight: Decimal, parts: list[PartResult]) -> ComponentResult:
    if parts and all(p.percent is not None for p in parts):
        score = mean([p.percent for p in parts])
    else:
        score = None
    return ComponentResult(
        code=code,
        weight=weight,
        score=score,
        contribution=weighted(weight, score) if score is not None else None,
        parts=tuple(parts),
    )


def compute(scheme: Scheme, inputs: Inputs) -> Result:
    """Score one engineer's inputs under a scheme."""
    missing: list[Missing] = []
    exam = _exam_component(scheme, inputs, missing)
    practice = _practice_component(scheme, inputs, missing)
    dimensions = tuple(_score_dimension(d, inputs.metrics, missing) for d in scheme.dimensions)
    on_the_job = _on_the_job_component(scheme, dimensions)
    components = (exam, practice, on_the_job)

    if missing:
        return Result(
            status=INCOMPLETE,
            total=None,
            grade=None,
            pass_mark=scheme.pass_mark,
            components=components,
            missing=tuple(missing),
            reasons=(),
        )

    # A component that carries weight always has a score here (validation forbids a weighted
    # component with nothing to score); one without weight adds nothing.
    total = sum((c.contribution for c in components if c.contribution is not None), ZERO)
    reasons = _reasons_not_certified(scheme, total, components)
    return Result(
        status=NOT_CERTIFIED if reasons else CERTIFIED,
        total=total,
        grade=grade_for(total, scheme.grade_bands),
        pass_mark=scheme.pass_mark,
        components=components,
        missing=(),
        reasons=tuple(reasons),
    )


def _on_the_job_component(
    scheme: Scheme, dimensions: tuple[DimensionResult, ...]
) -> ComponentResult:
    """Σ dimension weight / 100 × dimension score, when every dimension has a score."""
    complete = dimensions and all(d.score is not None for d in dimensions)
    score = sum((d.contribution for d in dimensions), ZERO) if complete else None
    return ComponentResult(
        code=ON_THE_JOB,
        weight=scheme.on_the_job_weight,
        score=score,
        contribution=weighted(scheme.on_the_job_weight, score) if score is not None else None,
        dimensions=dimensions,
    )


def _reasons_not_certified(
    scheme: Scheme, total: Decimal, components: tuple[ComponentResult, ...]
) -> list[Reason]:
    """The pass mark and the gates a complete scorecard fails, in that order."""
    exam, practice, on_the_job = components
    reasons = []
    if total < scheme.pass_mark:
        reasons.append(Reason("pass_mark", total, scheme.pass_mark))
    for kind, score, minimum in (
        ("exam_min", exam.score, scheme.exam_min),
        ("practice_min", practice.score, scheme.practice_min),
    ):
        if minimum is not None and score is not None and score < minimum:
            reasons.append(Reason(kind, score, minimum))
    if scheme.dimension_min is not None:
        reasons += [
            Reason("dimension_min", d.score, scheme.dimension_min, code=d.code, name=d.name)
            for d in on_the_job.dimensions
            if d.score < scheme.dimension_min
        ]
    return reasons


# --- Feedback: strengths, weaknesses, suggestions -----------------------------------------------


@dataclass(frozen=True)
class Feedback:
    strong_dimensions: tuple[DimensionResult, ...]
    strong_indicators: tuple[IndicatorResult, ...]
    weak_dimensions: tuple[DimensionResult, ...]
    weak_indicators: tuple[IndicatorResult, ...]
    suggestions: tuple[IndicatorResult, ...]  # indicators below their threshold with a suggestion


def feedback(result: Result, count: int = 2) -> Feedback:
    """The best and the worst ``count`` dimensions and indicators (ties keep scheme order)."""
    dimensions = [d for d in result.dimensions if d.score is not None]
    indicators = [i for i in result.indicators if i.score is not None]

    def best(items):
        return tuple(sorted(items, key=lambda item: -item.score)[:count])

    def worst(items):
        return tuple(sorted(items, key=lambda item: item.score)[:count])

    return Feedback(
        strong_dimensions=best(dimensions),
        strong_indicators=best(indicators),
        weak_dimensions=worst(dimensions),
        weak_indicators=worst(indicators),
        suggestions=tuple(i for i in indicators if i.suggestion),
    )


# --- Display -----------------------------------------------------------------------------------


def display(value: Decimal | None) -> Decimal | None:
    """Round a figure for display: 2 decimals, half up. Never used inside the formula."""
    if value is None:
        return None
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)

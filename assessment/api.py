"""What other apps may ask of the assessment: the certificates app reads scorecards through it.

As Open edX's certificates read grades through ``grades/api.py``, ``certificates`` imports
nothing else from this app. It may:

- refer to a program and a finalised scorecard (``Program``, ``Scorecard``: its certificates
  point at both) and read a scorecard's frozen figures;
- ask who is assessed in a period (``default_population``) and their live scorecards
  (``live_scorecards``, ``live_scorecard``), which carry the engineer and the result;
- finalise a certified scorecard before issuing (``scorecard_finalise``: idempotent);
- ask why a result or a finalised scorecard is not certified (``not_certified_reasons``,
  ``result_reasons``) and how a grade is labelled (``grade_label``, ``scorecard_grade_labels``);
- check a period (``is_period``, ``clean_period``) and find an engineer or a program;
- read people's records for their managers' pages (``learning_records``: course progress,
  certification exams, practice cases and finalised scorecards; ``finalised_scorecards``).

``AssessmentError`` is the refusal every write here raises with a message for the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import translation

from assessment import definition, explain, snapshots
from assessment.errors import AssessmentError, ReasonMissing
from assessment.forms.periods import clean_period
from assessment.metric_rows import RawRow
from assessment.models import MetricRecord, Program, SchemeVersion, Scorecard
from assessment.periods import is_period
from assessment.scoring import CERTIFIED, Result
from assessment.selectors.engineers import Engineer, engineer_by_employee_id
from assessment.selectors.records import LearningRecord
from assessment.selectors.records import learning_records as _learning_records
from assessment.selectors.schemes import program_by_code
from assessment.selectors.scorecards import (
    LiveScorecard,
    default_population,
    live_scorecard,
    live_scorecards,
)
from assessment.services.metrics import metrics_apply, metrics_plan
from assessment.services.scorecards import scorecard_finalise
from assessment.titles import NO_TITLES, Titles
from lms.bilingual import pick

__all__ = [
    "CERTIFIED",
    "AssessmentError",
    "ReasonMissing",
    "Engineer",
    "FinalisedScorecard",
    "LearningRecord",
    "LiveScorecard",
    "Program",
    "RawRow",
    "Result",
    "Scorecard",
    "clean_period",
    "default_population",
    "engineer_by_employee_id",
    "finalised_scorecards",
    "grade_label",
    "is_period",
    "learning_records",
    "live_scorecard",
    "live_scorecards",
    "metrics_apply",
    "metrics_plan",
    "not_certified_reasons",
    "program_by_code",
    "result_reasons",
    "scorecard_grade_labels",
    "scorecard_finalise",
    "ScorecardMetric",
    "metric_correct",
    "metric_record",
    "programs_counting",
    "scorecard_metrics",
    "scorecards_refinalise",
]


def result_reasons(result: Result, titles: Titles = NO_TITLES) -> list[str]:
    """Why a result is not certified, one sentence per reason (empty when it is); exams and
    cases named by ``titles`` (a live scorecard's ``titles``)."""
    return explain.reasons(result, titles)


def not_certified_reasons(scorecard: Scorecard) -> list[str]:
    """Why a finalised scorecard is not certified (empty when it is)."""
    if scorecard.status == CERTIFIED:
        return []
    try:
        result = snapshots.result_from_dict(scorecard.snapshot["result"])
    except (KeyError, TypeError, ValueError):
        return [explain.status_label(scorecard.status)]
    titles = Titles.from_dict(scorecard.snapshot.get("titles"))
    return explain.reasons(result, titles) or [explain.status_label(scorecard.status)]


def grade_label(grade: str) -> str:
    """A grade band's label in the active language (e.g. "优秀" / "Distinction")."""
    return str(explain.GRADE_LABELS.get(grade, grade))


def scorecard_grade_labels(scorecard: Scorecard) -> tuple[str, str]:
    """A finalised scorecard's grade in Chinese and in English, as its scheme names the band
    (frozen in its snapshot; as the scorecard shows it), else the built-in labels."""
    band = None
    try:
        scheme = definition.parse(scorecard.snapshot["scheme_version"]["definition"])
        band = next((b for b in scheme.grade_bands if b.code == scorecard.grade), None)
    except (KeyError, TypeError, definition.DefinitionError):
        pass
    labels = []
    for language, own in (("zh-hans", band and band.name), ("en", band and band.name_en)):
        with translation.override(language):
            labels.append(own or grade_label(scorecard.grade))
    return labels[0], labels[1]


@dataclass(frozen=True)
class FinalisedScorecard:
    """A finalised scorecard as a manager's pages show it (read only)."""

    user_id: int
    program_code: str
    program_name: str
    program_name_en: str
    period: str
    revision: int
    status: str
    status_label: str
    total: Decimal | None
    grade_label: str  # in the active language, "" without a grade
    finalised_at: datetime


def finalised_scorecards(*, user_ids: Iterable[int]) -> dict[int, list[FinalisedScorecard]]:
    """Each person's finalised scorecards, the latest revision of each program and period,
    newest period first; people without one are left out. 1 query for any number of people."""
    rows = (
        Scorecard.objects.filter(employee_id__in=list(user_ids))
        .select_related("program")
        .order_by("employee_id", "-period", "program__code", "-revision")
    )
    found: dict[int, list[FinalisedScorecard]] = {}
    seen = set()
    for card in rows:
        key = (card.employee_id, card.program_id, card.period)
        if key in seen:
            continue
        seen.add(key)
        found.setdefault(card.employee_id, []).append(
            FinalisedScorecard(
                user_id=card.employee_id,
                program_code=card.program.code,
                program_name=card.program.name,
                program_name_en=card.program.name_en,
                period=card.period,
                revision=card.revision,
                status=card.status,
                status_label=str(explain.status_label(card.status)),
                total=card.total,
                grade_label=_grade_in_active_language(card),
                finalised_at=card.finalised_at,
            )
        )
    return found


def _grade_in_active_language(card: Scorecard) -> str:
    return pick(*scorecard_grade_labels(card)) if card.grade else ""


def learning_records(*, user_ids: Iterable[int]) -> dict[int, LearningRecord]:
    """Each person's course progress, certification exam and practice case results and
    finalised scorecards, for a manager's pages (read only). About 14 queries for any number
    of people."""
    user_ids = list(user_ids)
    return _learning_records(user_ids=user_ids, scorecards=finalised_scorecards(user_ids=user_ids))


# --- Personal data (issue 18, decision 1002): privacy's export and erasure --------------------


def personal_data(*, person) -> dict[str, list[dict]]:
    """The person's metrics, the peer and supervisor ratings they received (not who gave
    them) and their scorecards."""
    from assessment import personal_data

    return personal_data.export_rows(person)


def erase_personal_data(*, person, dry_run: bool = False) -> dict[str, int]:
    """Clear the notes and comments by or about ``person``; every number stays. Returns what
    changed (or would) by kind."""
    from assessment import personal_data

    return personal_data.erase(person, dry_run=dry_run)


# --- Appeals (issue 18): which program a result counts for, metric corrections, new revisions ---


def programs_counting(*, quiz_slug: str = "", case_slug: str = "") -> list[Program]:
    """The programs whose active scheme counts an exam (``quiz_slug``) or a practice case
    (``case_slug``), by code. 2 queries."""
    versions = SchemeVersion.objects.filter(status=SchemeVersion.Status.ACTIVE).select_related(
        "program"
    )
    found = []
    for version in versions.order_by("program__code"):
        try:
            scheme = version.scheme()
        except definition.DefinitionError:
            continue
        if (quiz_slug and quiz_slug in scheme.exams) or (
            case_slug and case_slug in scheme.practice_cases
        ):
            found.append(version.program)
    return found


@dataclass(frozen=True)
class ScorecardMetric:
    """A metric record behind one indicator of a finalised scorecard."""

    record_id: int
    indicator: str
    name: str  # Chinese
    name_en: str
    value: Decimal
    source: str
    updated_at: datetime  # when it was entered or last changed: its release


def scorecard_metrics(scorecard: Scorecard) -> list[ScorecardMetric]:
    """The stored metric records of a finalised scorecard's indicators, in the scheme's
    order (1 query)."""
    try:
        scheme = definition.parse(scorecard.snapshot["scheme_version"]["definition"])
    except (KeyError, TypeError, definition.DefinitionError):
        return []
    indicators = {indicator.code: indicator for indicator in scheme.indicators}
    records = MetricRecord.objects.filter(
        employee_id=scorecard.employee_id, period=scorecard.period, indicator__in=list(indicators)
    )
    by_code = {record.indicator: record for record in records}
    return [
        ScorecardMetric(
            record_id=by_code[code].pk,
            indicator=code,
            name=indicator.name,
            name_en=indicator.name_en,
            value=by_code[code].value,
            source=by_code[code].source,
            updated_at=by_code[code].updated_at,
        )
        for code, indicator in indicators.items()
        if code in by_code
    ]


def metric_record(*, record_id: int) -> MetricRecord | None:
    return MetricRecord.objects.select_related("employee").filter(pk=record_id).first()


def metric_correct(
    *, record_id: int, value, source: str, by, via: str, reason: str, request=None
) -> Decimal:
    """Correct one metric record through the metrics import's plan and apply (its history
    keeps the old value, the audit trail the ``reason``); returns the old value. Raises
    :class:`AssessmentError` with the checks' messages when the value does not fit the
    indicator."""
    record = MetricRecord.objects.select_related("employee").get(pk=record_id)
    row = RawRow(
        line=1,
        cells={
            "employee_id": record.employee.employee_id,
            "indicator": record.indicator,
            "period": record.period,
            "value": str(value),
            "source": source,
        },
    )
    plan = metrics_plan(rows=[row])
    if not plan.ok:
        raise AssessmentError(" ".join(error.message for error in plan.errors))
    metrics_apply(plan=plan, by=by, via=via, reason=reason, request=request)
    return record.value


def scorecards_refinalise(
    *, program: Program, user_id: int, by, reason: str, request=None
) -> list[tuple[Scorecard, Scorecard]]:
    """After a changed result, finalise again each period of ``program`` in which the person
    has a finalised scorecard, reopening it for ``reason``; returns (previous revision, new
    revision) for each period whose figures changed (a period that can no longer be finalised
    keeps its revision)."""
    latest: dict[str, Scorecard] = {}
    for card in Scorecard.objects.filter(employee_id=user_id, program=program).order_by("revision"):
        latest[card.period] = card
    changed = []
    for period, previous in sorted(latest.items()):
        try:
            revision, created = scorecard_finalise(
                program=program,
                period=period,
                user_id=user_id,
                by=by,
                reason=reason,
                request=request,
            )
        except AssessmentError:
            continue
        if created:
            changed.append((previous, revision))
    return changed

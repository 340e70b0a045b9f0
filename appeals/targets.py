"""What an appeal is about: a released result found through the other apps' api.py, with its
owner, the program whose window applies, when it was released and who marked it first.

An exam or a case counted by several programs is appealed under the one with the longest
window (the first by code on a tie): the result is one, and it stays open to appeal while any
program that counts it accepts appeals. A change it brings follows into every such program
(``programs_of``).

Released (decision 1001): an exam attempt's essays when the marking completed the attempt
(``graded_at``); a case report when it was graded (``finalised_at``); a metric value when it
was entered or last changed (``updated_at``); a scorecard when its revision was finalised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from appeals.models import Kind
from assessment import api as assessment_api
from cases import api as cases_api
from exams import api as exams_api
from lms.bilingual import localized


@dataclass(frozen=True)
class Target:
    kind: str
    item: str  # "attempt:12", "case-report:5", "metric:9", "scorecard:3"
    owner_id: int
    program: assessment_api.Program
    title: str  # Chinese
    title_en: str
    url: str
    released_at: datetime
    result: str  # the figure as it stands, e.g. "72.50"
    record_id: int | None = None  # a metric's record
    scorecard_id: int | None = None

    @property
    def closes_at(self) -> datetime:
        return self.released_at + timedelta(days=self.program.appeal_window_days)

    def is_open(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) <= self.closes_at


def _widest(programs: list) -> assessment_api.Program:
    return max(programs, key=lambda program: program.appeal_window_days)


def programs_of(appeal) -> list:
    """The programs a resolved appeal's new result counts in: its own program first, then
    every other whose active scheme counts the same exam or case."""
    kind, _sep, pk = appeal.item.partition(":")
    found = []
    if appeal.kind == Kind.ESSAY and kind == "attempt":
        attempt = exams_api.marked_attempt(attempt_id=int(pk))
        found = assessment_api.programs_counting(quiz_slug=attempt.quiz_slug) if attempt else []
    elif appeal.kind == Kind.CASE and kind == "case-report":
        report = cases_api.graded_report(submission_id=int(pk))
        found = assessment_api.programs_counting(case_slug=report.case_slug) if report else []
    return [appeal.program, *(p for p in found if p.pk != appeal.program_id)]


def _figure(value) -> str:
    return "" if value is None else f"{value:.2f}"


def essay_target(attempt_id: int) -> Target | None:
    attempt = exams_api.marked_attempt(attempt_id=attempt_id)
    if attempt is None or attempt.graded_at is None:
        return None
    programs = assessment_api.programs_counting(quiz_slug=attempt.quiz_slug)
    if not programs:
        return None
    number = f" #{attempt.number}"
    return Target(
        kind=Kind.ESSAY,
        item=f"attempt:{attempt.id}",
        owner_id=attempt.user_id,
        program=_widest(programs),
        title=attempt.quiz_title + number,
        title_en=(attempt.quiz_title_en + number) if attempt.quiz_title_en else "",
        url=attempt.url,
        released_at=attempt.graded_at,
        result=_figure(attempt.percent),
    )


def case_target(submission_id: int, report=None) -> Target | None:
    """The target of a graded report version (``report``: its ``cases.api.GradedReport`` when
    the caller has it)."""
    report = report or cases_api.graded_report(submission_id=submission_id)
    if report is None or report.finalised_at is None:
        return None
    programs = assessment_api.programs_counting(case_slug=report.case_slug)
    if not programs:
        return None
    version = f" v{report.number}"
    return Target(
        kind=Kind.CASE,
        item=f"case-report:{report.id}",
        owner_id=report.learner_id,
        program=_widest(programs),
        title=report.title + version,
        title_en=(report.title_en + version) if report.title_en else "",
        url=report.url,
        released_at=report.finalised_at,
        result=_figure(report.percent),
    )


def latest_scorecard(scorecard_id: int):
    """A finalised scorecard that is its person's latest revision, or None."""
    card = (
        assessment_api.Scorecard.objects.select_related("program", "employee")
        .filter(pk=scorecard_id)
        .first()
    )
    if card is None or has_newer_revision(card):
        return None
    return card


def has_newer_revision(card) -> bool:
    return assessment_api.Scorecard.objects.filter(
        employee_id=card.employee_id,
        program_id=card.program_id,
        period=card.period,
        revision__gt=card.revision,
    ).exists()


def scorecard_target(card) -> Target:
    program = card.program
    what = f"{program.code} {card.period} r{card.revision}"
    return Target(
        kind=Kind.SCORECARD,
        item=f"scorecard:{card.pk}",
        owner_id=card.employee_id,
        program=program,
        title=f"{what} {program.name}",
        title_en=f"{what} {program.name_en}" if program.name_en else "",
        url=card_url(card),
        released_at=card.finalised_at,
        result=_figure(card.total),
        scorecard_id=card.pk,
    )


def metric_target(card, metric: assessment_api.ScorecardMetric) -> Target:
    program = card.program
    return Target(
        kind=Kind.METRIC,
        item=f"metric:{metric.record_id}",
        owner_id=card.employee_id,
        program=program,
        title=f"{metric.name} ({card.period})",
        title_en=f"{metric.name_en} ({card.period})" if metric.name_en else "",
        url=card_url(card),
        released_at=metric.updated_at,
        result=f"{metric.value.normalize():f}",
        record_id=metric.record_id,
        scorecard_id=card.pk,
    )


def card_url(card) -> str:
    return reverse(
        "assessment:scorecard_revision",
        kwargs={
            "code": card.program.code,
            "period": card.period,
            "employee_id": card.employee.employee_id,
            "revision": card.revision,
        },
    )


def metric_label(metric: assessment_api.ScorecardMetric) -> str:
    return str(localized({"name": metric.name, "name_en": metric.name_en}, "name"))

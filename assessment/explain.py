"""Words for the formula's results: status and grade labels, reasons, missing inputs and the
notes of an exam result that may still rise (a retake awaiting marking, "provisional" in the
formula). Exams and practice cases are named by their titles (``assessment.titles``), indicators
by the names the scheme gives them; a code shows only where nothing better is known."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessment import scoring
from assessment.titles import NO_TITLES, Titles
from lms.bilingual import pick

STATUS_LABELS = {
    scoring.CERTIFIED: gettext_lazy("Certified"),
    scoring.NOT_CERTIFIED: gettext_lazy("Not certified"),
    scoring.INCOMPLETE: gettext_lazy("Incomplete"),
}
STATUS_BADGES = {
    scoring.CERTIFIED: "badge-ok",
    scoring.NOT_CERTIFIED: "badge-bad",
    scoring.INCOMPLETE: "badge-warn",
}
GRADE_LABELS = {
    "excellent": gettext_lazy("Excellent"),
    "good": gettext_lazy("Good"),
    "pass": gettext_lazy("Pass"),
    scoring.FAIL_GRADE: gettext_lazy("Fail"),
}
COMPONENT_LABELS = {
    scoring.EXAM: gettext_lazy("Certification exam"),
    scoring.PRACTICE: gettext_lazy("Practice cases"),
    scoring.ON_THE_JOB: gettext_lazy("On-the-job performance"),
}
SOURCE_LABELS = {
    "work_records": gettext_lazy("Work records"),
    "customer_feedback": gettext_lazy("Customer feedback"),
    "peer_evaluation": gettext_lazy("Peer evaluation"),
    "supervisor": gettext_lazy("Supervisor"),
}


def number(value) -> str:
    shown = scoring.display(value)
    return "—" if shown is None else f"{shown}"


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def grade_label(code: str | None, scheme: scoring.Scheme | None = None) -> str:
    """The grade's name: the scheme's band name in the active language (a missing English name
    falls back to the Chinese one, marked), else the built-in label."""
    if not code:
        return "—"
    if scheme is not None:
        for band in scheme.grade_bands:
            if band.code == code and band.name:
                return pick(band.name, band.name_en)
    return str(GRADE_LABELS.get(code, code))


def describe_missing(item: scoring.Missing, titles: Titles = NO_TITLES) -> str:
    if item.kind == "indicator":
        return _("No value for indicator %(name)s in this period.") % {
            "name": item.name or item.code
        }
    if item.kind == "exam":
        values = {"title": titles.exam(item.code)}
        if item.why == scoring.PENDING_MARKING:
            return _("Certification exam %(title)s is waiting to be marked.") % values
        return _("No graded attempt at certification exam %(title)s.") % values
    values = {"title": titles.case(item.code)}
    if item.why == scoring.NOT_GRADED:
        return _("Practice case %(title)s is not graded yet.") % values
    return _("No submission for practice case %(title)s.") % values


def describe_reason(reason: scoring.Reason) -> str:
    values = {"score": number(reason.score), "minimum": number(reason.minimum)}
    if reason.kind == "pass_mark":
        return _("The total %(score)s is below the pass mark %(minimum)s.") % values
    if reason.kind == "exam_min":
        return _("The exam score %(score)s is below the minimum %(minimum)s.") % values
    if reason.kind == "practice_min":
        return _("The practice score %(score)s is below the minimum %(minimum)s.") % values
    return _("Dimension %(name)s scores %(score)s, below the minimum %(minimum)s.") % {
        **values,
        "name": reason.name or reason.code,
    }


def reasons(result: scoring.Result, titles: Titles = NO_TITLES) -> list[str]:
    """Why a scorecard is not certified: each missing input, else each failed condition."""
    if result.status == scoring.INCOMPLETE:
        return [describe_missing(m, titles) for m in result.missing]
    return [describe_reason(r) for r in result.reasons]


def attempt_numbers(numbers) -> str:
    return ", ".join(str(number) for number in numbers)


def part_note(part: scoring.PartResult) -> str:
    """The note beside an exam result that may still rise ("" when it is final)."""
    if not part.awaiting_marking:
        return ""
    return ngettext(
        "May still rise: attempt %(numbers)s awaits marking.",
        "May still rise: attempts %(numbers)s await marking.",
        len(part.awaiting_marking),
    ) % {"numbers": attempt_numbers(part.awaiting_marking)}


def notes(result: scoring.Result, titles: Titles = NO_TITLES) -> list[str]:
    """What a reader should know besides the status: each exam result that may still rise."""
    return [
        ngettext(
            "%(title)s may still rise: attempt %(numbers)s awaits marking. Until then the best "
            "marked attempt counts; marking can only raise it.",
            "%(title)s may still rise: attempts %(numbers)s await marking. Until then the best "
            "marked attempt counts; marking can only raise it.",
            len(part.awaiting_marking),
        )
        % {"title": titles.exam(part.code), "numbers": attempt_numbers(part.awaiting_marking)}
        for part in result.provisional_parts
    ]


def provisional_refusal(result: scoring.Result) -> str:
    """Why a provisional scorecard that is not certified cannot be finalised yet ("" if it can).

    A certified one can: marking only raises a provisional exam result.
    """
    if result.status != scoring.NOT_CERTIFIED or not result.provisional_parts:
        return ""
    numbers = [n for part in result.provisional_parts for n in part.awaiting_marking]
    return ngettext(
        "This scorecard cannot be finalised while attempt %(numbers)s is awaiting marking: "
        "marking may still make it certified.",
        "This scorecard cannot be finalised while attempts %(numbers)s are awaiting marking: "
        "marking may still make it certified.",
        len(numbers),
    ) % {"numbers": attempt_numbers(numbers)}

"""Words for the formula's results: status and grade labels, reasons, missing inputs and the
notes of provisional exam results (a retake awaiting marking)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessment import scoring

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
    if not code:
        return "—"
    if scheme is not None:
        for band in scheme.grade_bands:
            if band.code == code and band.name:
                return band.name
    return str(GRADE_LABELS.get(code, code))


def describe_missing(item: scoring.Missing) -> str:
    if item.kind == "indicator":
        return _("No value for indicator %(name)s (%(code)s) in this period.") % {
            "name": item.name or item.code,
            "code": item.code,
        }
    if item.kind == "exam":
        if item.why == scoring.PENDING_MARKING:
            return _("Certification exam %(code)s is waiting to be marked.") % {"code": item.code}
        return _("No graded attempt at certification exam %(code)s.") % {"code": item.code}
    if item.why == scoring.NOT_GRADED:
        return _("Practice case %(code)s is not graded yet.") % {"code": item.code}
    return _("No submission for practice case %(code)s.") % {"code": item.code}


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


def reasons(result: scoring.Result) -> list[str]:
    """Why a scorecard is not certified: each missing input, else each failed condition."""
    if result.status == scoring.INCOMPLETE:
        return [describe_missing(m) for m in result.missing]
    return [describe_reason(r) for r in result.reasons]


def attempt_numbers(numbers) -> str:
    return ", ".join(str(number) for number in numbers)


def part_note(part: scoring.PartResult) -> str:
    """The note beside a provisional exam result ("" when it is final)."""
    if not part.awaiting_marking:
        return ""
    return ngettext(
        "Provisional: attempt %(numbers)s is awaiting marking; this score can rise but not fall.",
        "Provisional: attempts %(numbers)s are awaiting marking; this score can rise but not fall.",
        len(part.awaiting_marking),
    ) % {"numbers": attempt_numbers(part.awaiting_marking)}


def notes(result: scoring.Result) -> list[str]:
    """What a reader should know besides the status: each provisional exam result."""
    return [
        ngettext(
            "Certification exam %(code)s is provisional: attempt %(numbers)s is awaiting "
            "marking. Until then the best graded attempt counts; marking can only raise it, "
            "so the status cannot get worse.",
            "Certification exam %(code)s is provisional: attempts %(numbers)s are awaiting "
            "marking. Until then the best graded attempt counts; marking can only raise it, "
            "so the status cannot get worse.",
            len(part.awaiting_marking),
        )
        % {"code": part.code, "numbers": attempt_numbers(part.awaiting_marking)}
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

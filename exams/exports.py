"""The table of attempts that trainers download (as CSV or XLSX, through ``lms.exports``)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def blind_note() -> str:
    return _("hidden: you are re-marking this on appeal")


def attempt_headers() -> list[str]:
    return [
        _("Employee ID"),
        _("Name"),
        _("Username"),
        _("Department"),
        _("Region"),
        _("Quiz"),
        _("Attempt"),
        _("State"),
        _("Started"),
        _("Submitted"),
        _("Submitted automatically"),
        _("Score"),
        _("Maximum score"),
        _("Percent"),
        _("Passed"),
    ]


def attempt_rows(attempts: Iterable, *, hidden: Collection[int] = ()) -> list[list]:
    """One row per attempt; the score, percent and result of the attempts in ``hidden`` (those
    the reader re-marks blind on appeal, decision 1001) say so instead."""
    rows = []
    for attempt in attempts:
        user = attempt.user
        if attempt.pk in hidden:
            marks = [blind_note(), attempt.max_score, "", ""]
        else:
            marks = [
                attempt.score if attempt.score is not None else "",
                attempt.max_score,
                attempt.percent if attempt.percent is not None else "",
                "" if attempt.passed is None else (_("yes") if attempt.passed else _("no")),
            ]
        rows.append(
            [
                user.employee_id or "",
                user.get_full_name(),
                user.username,
                user.department,
                user.region,
                attempt.quiz.title,
                attempt.number,
                attempt.get_state_display(),
                _when(attempt.started_at),
                _when(attempt.submitted_at),
                _("yes") if attempt.auto_submitted else _("no"),
                *marks,
            ]
        )
    return rows

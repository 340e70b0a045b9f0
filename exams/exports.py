"""The table of attempts that trainers download (as CSV or XLSX, through ``lms.exports``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


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


def attempt_rows(attempts: Iterable) -> list[list]:
    rows = []
    for attempt in attempts:
        user = attempt.user
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
                attempt.score if attempt.score is not None else "",
                attempt.max_score,
                attempt.percent if attempt.percent is not None else "",
                "" if attempt.passed is None else (_("yes") if attempt.passed else _("no")),
            ]
        )
    return rows

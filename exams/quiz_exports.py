"""Tables of attempts as CSV (UTF-8 with BOM, for Excel) and XLSX downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> object:
    """Neutralise spreadsheet formulas in text cells (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_safe(cell) if isinstance(cell, str) else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes("results", headers, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

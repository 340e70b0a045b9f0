"""CSV and XLSX downloads that spreadsheet programs cannot turn into formulas.

Every table a user can download (cohort progress, quiz results, metrics, scorecards) goes
through here. A text cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) would be run as a formula by Excel or WPS; :func:`neutralise` puts an apostrophe in
front of it. Numbers are written as numbers and left alone. CSV is UTF-8 with a byte-order mark,
which Excel in China needs to read Chinese text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return value
    return neutralise(value if isinstance(value, int | float) else str(value))


def csv_text(header: list[str], rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    """UTF-8 with a BOM, which Excel in China needs to read Chinese text correctly."""
    body = "\ufeff" + csv_text(header, rows)
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(
    header: list[str],
    rows: Iterable[list],
    *,
    title: str = "Sheet1",
    freeze_panes: str | None = None,
) -> bytes:
    """A one-sheet workbook (written row by row); ``freeze_panes`` e.g. ``"C2"``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    if freeze_panes:
        sheet.freeze_panes = freeze_panes
    sheet.append([neutralise(h) for h in header])
    for row in rows:
        sheet.append([None if v is None else _cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, header: list[str], rows: Iterable[list], **kw) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(header, rows, **kw), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

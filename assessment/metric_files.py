"""Reading metric files: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) and XLSX, into plain rows.

Only reading and the shape of the file are checked here (encoding, headers, size); the values
are checked by ``assessment.metric_rows`` (through ``assessment.services.metrics.metrics_plan``).
XLSX files are read by openpyxl, which parses their XML through defusedxml when it is installed
(it is a dependency of this project), and their uncompressed size is checked first against zip
bombs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from assessment.metric_rows import RawRow, RowError
from lms.parsing import FORMULA_REFUSED, worksheet_rows

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_XLSX_UNCOMPRESSED = 400 * 1024 * 1024

FIELDS = ("employee_id", "indicator", "period", "value", "source", "note")
REQUIRED = ("employee_id", "indicator", "period", "value")
HEADERS = {
    "employee_id": ("employee_id", "工号"),
    "indicator": ("indicator", "指标"),
    "period": ("period", "周期"),
    "value": ("value", "数值"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
}
_HEADER_LOOKUP = {alias.lower(): name for name, aliases in HEADERS.items() for alias in aliases}


@dataclass
class Sheet:
    rows: list[RawRow] = field(default_factory=list)
    columns: dict = field(default_factory=dict)  # field name -> 1-based column number
    errors: list[RowError] = field(default_factory=list)

    def column_of(self, name: str) -> int:
        return self.columns.get(name, 0)


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx")


def read(data: bytes, filename: str = "") -> Sheet:
    """Read a metrics file into rows; the Sheet's errors list faults of the file as a whole."""
    if len(data) > MAX_BYTES:
        return _fail(_("the file is larger than 20 MB; split it into smaller files"))
    if not data.strip():
        return _fail(_("the file is empty"))
    if is_xlsx(data, filename):
        return _read_xlsx(data)
    return _read_csv(data)


def _fail(message: str, line: int = 1, column: int = 1) -> Sheet:
    return Sheet(errors=[RowError(line, "", message, column)])


def decode(data: bytes) -> str | None:
    """Text of a CSV file: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read_csv(data: bytes) -> Sheet:
    text = decode(data)
    if text is None:
        return _fail(_("the file is neither UTF-8 nor GBK/GB18030 text, nor an Excel workbook"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _collect((reader.line_num, row) for row in reader)
    except csv.Error as exc:
        return _fail(_("the CSV file is malformed: %(error)s") % {"error": exc}, reader.line_num)


def _read_xlsx(data: bytes) -> Sheet:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return _fail(_("the file could not be read as an Excel workbook (.xlsx)"))
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        return _fail(_("the workbook unpacks to more than 400 MB; split it into smaller files"))
    # Deferred: openpyxl is heavy and only needed when an .xlsx file is read.
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell reads as its formula (not as a cached value that a
        # file written by a program other than Excel may not have), so it can be refused.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        return _fail(_("the file could not be read as an Excel workbook (.xlsx)"))
    formulas: list[RowError] = []
    try:
        rows = _xlsx_values(workbook.worksheets[0], formulas)
        sheet = _collect(rows)
    except Exception:
        return _fail(_("the file could not be read as an Excel workbook (.xlsx)"))
    finally:
        workbook.close()
    if formulas:
        sheet.errors = sorted(sheet.errors + formulas, key=lambda e: (e.line, e.column))
        sheet.rows = []
    return sheet


def _xlsx_values(worksheet, formulas: list[RowError]):
    for line, values, formula_columns in worksheet_rows(worksheet):
        formulas += [RowError(line, "", str(FORMULA_REFUSED), c) for c in formula_columns]
        yield line, values


def _is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _row_is_blank(row) -> bool:
    if all(cell.__class__ is str for cell in row):  # CSV rows: a fast path for 100,000 lines
        return not "".join(row).strip()
    return all(_is_blank(cell) for cell in row)


def _collect(numbered_rows) -> Sheet:
    sheet = Sheet()
    header_line = None
    positions: list[str | None] = []
    for line, row in numbered_rows:
        if _row_is_blank(row):
            continue
        if header_line is None:
            header_line = line
            positions = _read_header(sheet, line, row)
            if sheet.errors:
                return sheet
            named = [(index, name) for index, name in enumerate(positions) if name]
            continue
        if len(sheet.rows) >= MAX_ROWS:
            sheet.errors.append(
                RowError(line, "", _("the file has more than 200,000 rows; split it"), 1)
            )
            sheet.rows = []
            return sheet
        width = len(row)
        cells = {
            name: _cell_text(row[index], name) if index < width else "" for index, name in named
        }
        if width > len(positions):
            for index in range(len(positions), width):
                if not _is_blank(row[index]):
                    sheet.errors.append(
                        RowError(line, "", _("this cell has no column heading"), index + 1)
                    )
        sheet.rows.append(RawRow(line, cells))
    if header_line is None:
        return _fail(_("the file is empty"))
    return sheet


def _read_header(sheet: Sheet, line: int, row) -> list[str | None]:
    positions: list[str | None] = []
    for index, cell in enumerate(row):
        heading = "" if cell is None else str(cell).strip().lstrip("\ufeff").strip()
        if not heading:
            positions.append(None)
            continue
        name = _HEADER_LOOKUP.get(heading.lower())
        if name is None:
            sheet.errors.append(
                RowError(
                    line,
                    "",
                    _("unknown column “%(heading)s”; the columns are %(expected)s")
                    % {"heading": heading, "expected": expected_columns()},
                    index + 1,
                )
            )
            positions.append(None)
        elif name in sheet.columns:
            sheet.errors.append(
                RowError(
                    line,
                    name,
                    _("column “%(heading)s” appears twice") % {"heading": heading},
                    index + 1,
                )
            )
            positions.append(None)
        else:
            sheet.columns[name] = index + 1
            positions.append(name)
    for name in REQUIRED:
        if name not in sheet.columns:
            sheet.errors.append(
                RowError(
                    line,
                    name,
                    _("missing column “%(name)s” (%(chinese)s)")
                    % {"name": name, "chinese": HEADERS[name][1]},
                    len(row) + 1,
                )
            )
    return positions


def expected_columns() -> str:
    return ", ".join(f"{name} ({aliases[1]})" for name, aliases in HEADERS.items())


def _cell_text(cell, name: str):
    """A cell as the importer reads it: text stripped; Excel numbers and dates made readable."""
    if cell.__class__ is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, datetime | date):
        # Excel turns "2026-07" into a date; a month is what the person meant.
        return f"{cell.year:04d}-{cell.month:02d}" if name == "period" else cell.isoformat()
    if isinstance(cell, float) and cell.is_integer() and name != "value":
        return str(int(cell))
    if isinstance(cell, float):
        return repr(cell)
    return str(cell)

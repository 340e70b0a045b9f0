"""Reading an HR roster file (CSV in UTF-8, UTF-8 with BOM or GBK, or XLSX) into plain rows.

Only the file and its headings are checked here; the cells are checked by
``people.roster_rows``. Formula cells of a workbook are refused (``lms.parsing.FORMULA_REFUSED``,
found by ``lms.parsing.worksheet_rows``); a workbook's unpacked size is checked before openpyxl
opens it, against zip bombs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from lms.parsing import FORMULA_REFUSED, InputError, control_character, worksheet_rows

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_XLSX_UNCOMPRESSED = 400 * 1024 * 1024

HEADERS = {
    "employee_id": ("employee_id", "工号"),
    "name": ("name", "姓名"),
    "department": ("department", "部门"),
    "position": ("position", "岗位"),
    "manager": ("manager", "主管工号"),
    "hire_date": ("hire_date", "入职日期"),
    "email": ("email", "邮箱"),
    "mobile": ("mobile", "手机"),
    "status": ("status", "状态"),
    "roles": ("roles", "角色"),
}
REQUIRED = ("employee_id", "name", "department")
_HEADER_LOOKUP = {alias.lower(): name for name, aliases in HEADERS.items() for alias in aliases}


@dataclass(slots=True)
class RawRow:
    line: int
    cells: dict  # field name -> text (stripped) or a date from an XLSX date cell


@dataclass
class Sheet:
    rows: list[RawRow] = field(default_factory=list)
    columns: dict = field(default_factory=dict)  # field name -> 1-based column number
    errors: list[InputError] = field(default_factory=list)


def max_bytes() -> int:
    return getattr(settings, "PEOPLE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def too_large_message() -> str:
    return _("the file is larger than %(size)s MB; split it into smaller files") % {
        "size": max_bytes() // (1024 * 1024)
    }


def read(data: bytes, filename: str = "") -> Sheet:
    """Read a roster file; the Sheet's errors list the faults of the file as a whole."""
    if len(data) > max_bytes():
        return _fail(too_large_message())
    if not data.strip():
        return _fail(_("the file is empty"))
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _fail(message: str, line: int = 1, column: int = 1) -> Sheet:
    return Sheet(errors=[InputError(message, line=line, column=column)])


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); text with NUL or other
    control characters is taken for a binary file."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if control_character(text) is not None else text
    return None


def _read_csv(data: bytes) -> Sheet:
    text = _decode(data)
    if text is None:
        return _fail(_("the file is neither UTF-8 nor GBK text, nor an Excel workbook (.xlsx)"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _collect((reader.line_num, row, []) for row in reader)
    except csv.Error as exc:
        return _fail(_("the CSV file is malformed: %(error)s") % {"error": exc}, reader.line_num)


def _read_xlsx(data: bytes) -> Sheet:
    unreadable = _("the file could not be read as an Excel workbook (.xlsx)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return _fail(unreadable)
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        return _fail(_("the workbook unpacks to more than 400 MB; split it into smaller files"))
    # Deferred: openpyxl is heavy and only needed when an .xlsx file is read.
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell reads as its formula, so that it can be refused.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        return _fail(unreadable)
    try:
        return _collect(worksheet_rows(workbook.worksheets[0]))
    except Exception:  # a damaged sheet fails while it is read, row by row
        return _fail(unreadable)
    finally:
        workbook.close()


def _is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _collect(numbered_rows) -> Sheet:
    sheet, named, header_seen, header_width = Sheet(), [], False, 0
    for line, row, formula_columns in numbered_rows:
        sheet.errors += [
            InputError(str(FORMULA_REFUSED), line=line, column=column) for column in formula_columns
        ]
        if all(_is_blank(cell) for cell in row) and not formula_columns:
            continue
        if not header_seen:
            header_seen = True
            named, header_width = _read_header(sheet, line, row), len(row)
            if sheet.errors:
                return sheet
            continue
        if len(sheet.rows) >= MAX_ROWS:
            return _fail(_("the file has more than 100,000 rows; split it"), line)
        width = len(row)
        cells = {name: _cell(row[index]) if index < width else "" for index, name in named}
        for index in range(header_width, width):
            if not _is_blank(row[index]):
                sheet.errors.append(
                    InputError(_("this cell has no column heading"), line=line, column=index + 1)
                )
        sheet.rows.append(RawRow(line, cells))
    if not header_seen:
        return _fail(_("the file is empty"))
    if sheet.errors:
        sheet.rows = []
    return sheet


def _read_header(sheet: Sheet, line: int, row) -> list[tuple[int, str]]:
    named = []
    for index, cell in enumerate(row):
        heading = "" if cell is None else str(cell).strip().lstrip("\ufeff").strip()
        if not heading:
            continue
        name = _HEADER_LOOKUP.get(heading.lower())
        if name is None:
            message = _("unknown column “%(heading)s”; the columns are %(expected)s") % {
                "heading": heading[:40],
                "expected": expected_columns(),
            }
        elif name in sheet.columns:
            message = _("column “%(heading)s” appears twice") % {"heading": heading}
        else:
            sheet.columns[name] = index + 1
            named.append((index, name))
            continue
        sheet.errors.append(InputError(message, line=line, column=index + 1))
    for name in REQUIRED:
        if name not in sheet.columns:
            sheet.errors.append(
                InputError(
                    _("missing column “%(name)s” (%(chinese)s)")
                    % {"name": name, "chinese": HEADERS[name][1]},
                    line=line,
                    column=len(row) + 1,
                )
            )
    return named


def expected_columns() -> str:
    return ", ".join(f"{name} ({aliases[1]})" for name, aliases in HEADERS.items())


def _cell(cell):
    """A cell as the rows read it: text stripped; Excel numbers as written; dates kept."""
    if cell.__class__ is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)

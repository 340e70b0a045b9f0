"""Checking rows of metric records, without the database.

A row (from a file, an API record or a closed peer round) is checked against two maps its
caller reads beforehand: the indicator catalog (code → indicator, for the valid range) and the
employee map (employee ID → user id). Each row is either planned, or stopped by errors that say
the line, the field and the fault. A row is planned as a *create*; which records it would
update or leave unchanged is decided against the stored records by
``assessment.services.metrics.metrics_plan``.

Checked, in this order, each fault reported: no control character in any text cell (such a row
is checked no further); a known employee ID; a known indicator; a period ``YYYY``, ``YYYY-Qn``
or ``YYYY-MM``; a number of at most 4 decimals below 10^10 in magnitude, inside the indicator's
``min_value``/``max_value``; a source of at most 100 and a note of at most 500 characters; no
two rows with the same (employee, indicator, period).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from django.utils.translation import gettext as _

from assessment.definition import plain_number
from assessment.periods import is_period
from lms.parsing import InputError, control_character, parse_decimal

if TYPE_CHECKING:
    from assessment.scoring import Indicator

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
MAX_VALUE = Decimal("1e10")


@dataclass(frozen=True)
class RowError:
    """A fault at a place in the input: ``line`` (file line or record number) and ``field``."""

    line: int
    field: str
    message: str
    column: int = 0  # 1-based column in a file; 0 when not from a file

    def __str__(self):
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass(slots=True)
class RawRow:
    line: int
    cells: dict  # field name -> raw value (str, number, date or None)


@dataclass(slots=True)
class PlannedRow:
    line: int
    user_id: int
    employee_id: str
    indicator: str
    period: str
    value: Decimal
    source: str | None  # None: keep what is stored
    note: str | None
    action: str = CREATE
    record_id: int | None = None
    old_value: Decimal | None = None
    old_source: str = ""
    old_note: str = ""


class CheckedRows(NamedTuple):
    rows: list[PlannedRow]  # the rows without an error, in input order
    errors: list[RowError]


def employee_ids(rows: Iterable[RawRow]) -> set[str]:
    """The employee IDs the rows name, to look up for the employee map (empty cells and IDs
    with a control character left out)."""
    found = {_text(row.cells.get("employee_id")) for row in rows}
    return {e for e in found if e and control_character(e) is None}


def check_rows(
    *,
    rows: Iterable[RawRow],
    catalog: Mapping[str, Indicator],
    user_ids: Mapping[str, int],
) -> CheckedRows:
    """Check every row against the indicator ``catalog`` (code → indicator) and ``user_ids``
    (employee ID → user id); every fault of every row is reported.

    A row without a ``source`` or ``note`` cell plans ``None`` (keep what is stored); an empty
    cell plans "" (clear it).
    """
    planned: list[PlannedRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, str, str], int] = {}
    for row in rows:
        planned_row, faults = _check_row(row, catalog, user_ids)
        if faults:
            errors += [RowError(row.line, name, message) for name, message in faults]
            continue
        key = (planned_row.user_id, planned_row.indicator, planned_row.period)
        if key in seen:
            message = _("the same employee, indicator and period as line %(line)s") % {
                "line": seen[key]
            }
            errors.append(RowError(row.line, "employee_id", message))
            continue
        seen[key] = row.line
        planned.append(planned_row)
    return CheckedRows(planned, errors)


def _text(raw) -> str:
    if raw.__class__ is str:
        return raw.strip()
    return "" if raw is None else str(raw).strip()


def _optional_text(cells: dict, name: str) -> str | None:
    """The cell's text, or None when the row has no such cell."""
    return _text(cells.get(name)) if name in cells else None


def _parse_value(raw) -> tuple[Decimal | None, str]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, _("the value is required")
    try:
        return parse_decimal(raw, max_abs=MAX_VALUE, places=4), ""
    except InputError as exc:
        return None, str(exc)


def _control_faults(cells: dict) -> list[tuple[str, str]]:
    """(field, message) for the first control character of each text cell (NUL and the like:
    PostgreSQL cannot store a NUL, and none belongs in a metric record)."""
    faults = []
    for name, raw in cells.items():
        if raw.__class__ is str and not raw.isprintable():
            index = control_character(raw.strip())
            if index is not None:
                message = _("the %(field)s holds a control character at position %(position)s") % {
                    "field": name,
                    "position": index + 1,
                }
                faults.append((name, message))
    return faults


def _check_row(row: RawRow, catalog, user_ids) -> tuple[PlannedRow | None, list[tuple[str, str]]]:
    """A row's planned row, or its faults as (field, message) in the order of the fields."""
    cells = row.cells
    faults = _control_faults(cells)
    if faults:
        return None, faults
    employee_id = _text(cells.get("employee_id"))
    code = _text(cells.get("indicator"))
    period = _text(cells.get("period")).upper()
    value, problem = _parse_value(cells.get("value"))
    source, note = _optional_text(cells, "source"), _optional_text(cells, "note")
    faults = [
        *_key_faults(employee_id, code, period, cells, catalog, user_ids),
        *_value_faults(value, problem, cells, catalog.get(code), code),
        *_text_faults(source, note),
    ]
    if faults:
        return None, faults
    user_id = user_ids[employee_id]
    return PlannedRow(row.line, user_id, employee_id, code, period, value, source, note), []


def _key_faults(employee_id, code, period, cells, catalog, user_ids) -> list[tuple[str, str]]:
    """Faults of the employee ID, the indicator and the period."""
    faults = []
    if not employee_id:
        faults.append(("employee_id", _("the employee ID is required")))
    elif user_ids.get(employee_id) is None:
        faults.append(("employee_id", _("unknown employee ID “%(id)s”") % {"id": employee_id}))
    if not code:
        faults.append(("indicator", _("the indicator is required")))
    elif code not in catalog:
        faults.append(("indicator", _("unknown indicator “%(code)s”") % {"code": code}))
    if not period:
        faults.append(("period", _("the period is required")))
    elif not is_period(period):
        message = _("“%(period)s” is not a period; use YYYY, YYYY-Qn or YYYY-MM") % {
            "period": _text(cells.get("period"))
        }
        faults.append(("period", message))
    return faults


def _value_faults(value, problem: str, cells: dict, indicator, code: str) -> list[tuple[str, str]]:
    """The value's fault: not a number, or outside the indicator's valid range."""
    if problem:
        return [("value", problem)]
    if indicator is None:
        return []
    low, high = indicator.min_value, indicator.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        message = _("%(value)s is outside the valid range %(low)s to %(high)s of %(code)s") % {
            "value": _text(cells.get("value")),
            "low": "−∞" if low is None else plain_number(low),
            "high": "∞" if high is None else plain_number(high),
            "code": code,
        }
        return [("value", message)]
    return []


def _text_faults(source: str | None, note: str | None) -> list[tuple[str, str]]:
    """Faults of the source and the note: too long."""
    faults = []
    if source is not None and len(source) > 100:
        faults.append(("source", _("the source is longer than 100 characters")))
    if note is not None and len(note) > 500:
        faults.append(("note", _("the note is longer than 500 characters")))
    return faults

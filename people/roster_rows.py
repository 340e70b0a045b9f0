"""Checking the cells of a roster: each row becomes a :class:`Person`, or errors that say
``line L, column C: message``. The file as a whole is checked too: an employee id twice, a
manager nobody knows, a chain of managers that comes back to where it started."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lms.parsing import InputError, shown
from lms.roles import MANAGER
from people.models.units import SEPARATOR
from people.roster_file import HEADERS, RawRow, Sheet

LEARNER, TRAINER, ASSESSOR = "Learner", "Trainer", "Assessor"
ROLE_NAMES = {
    "学员": LEARNER,
    "培训师": TRAINER,
    "考核负责人": ASSESSOR,
    "主管": MANAGER,
    "learner": LEARNER,
    "trainer": TRAINER,
    "assessor": ASSESSOR,
    "manager": MANAGER,
}
IMPORTED_ROLES = (LEARNER, TRAINER, ASSESSOR, MANAGER)
STATUS_NAMES = {"在职": "active", "active": "active", "离职": "left", "left": "left"}
ROLE_SEPARATORS = re.compile(r"[,，、]")
EMPLOYEE_ID = re.compile(r"[A-Za-z0-9._@+-]{1,32}")
MOBILE = re.compile(r"\+?[0-9][0-9 -]{4,22}[0-9]")
DATE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
MAX_LENGTHS = {"name": 100, "department": 100, "position": 100, "email": 254}


@dataclass(slots=True)  # tens of thousands of them per import: no __dict__ each
class Person:
    line: int
    employee_id: str
    name: str
    department: str
    position: str = ""
    manager: str = ""
    hire_date: date | None = None
    email: str = ""
    mobile: str = ""
    status: str = "active"
    roles: frozenset = frozenset({LEARNER})


def check(sheet: Sheet, known_managers: dict[str, str | None]) -> tuple[list[Person], list]:
    """The people of a read sheet, or the errors (sorted by line and column).

    ``known_managers`` maps the employee id of every person already on the platform to their
    manager's employee id (or None): a manager may be someone the file does not list.
    """
    people, errors, first_line = [], list(sheet.errors), {}
    for raw in sheet.rows:
        person, row_errors = _person(raw, sheet.columns)
        errors += row_errors
        if person is None:
            continue
        if person.employee_id in first_line:
            errors.append(
                InputError(
                    _("employee id “%(id)s” already appears on line %(line)s")
                    % {"id": person.employee_id, "line": first_line[person.employee_id]},
                    line=raw.line,
                    column=sheet.columns["employee_id"],
                )
            )
            continue
        first_line[person.employee_id] = raw.line
        people.append(person)
    errors += _manager_errors(people, known_managers, sheet.columns.get("manager", 0))
    errors.sort(key=lambda error: (error.line, error.column))
    return ([] if errors else people), errors


def _person(raw: RawRow, columns: dict) -> tuple[Person | None, list]:
    values, errors = {}, []
    for name, cell in raw.cells.items():
        try:
            values[name] = _value(name, cell)
        except InputError as error:
            errors.append(InputError(error.message, line=raw.line, column=columns[name]))
    if errors:
        return None, errors
    return Person(line=raw.line, **{k: v for k, v in values.items() if v is not None}), []


def _value(name: str, cell):
    """One cell's value; None leaves the Person's default (an empty optional cell)."""
    if isinstance(cell, date):
        if name == "hire_date":
            return cell
        cell = cell.isoformat()
    if not cell:
        if name in ("employee_id", "name", "department"):
            raise InputError(
                _("this cell is empty; %(column)s is required") % {"column": HEADERS[name][1]}
            )
        return "" if name in ("position", "manager", "email", "mobile") else None
    if len(cell) > MAX_LENGTHS.get(name, 100):
        raise InputError(
            _("“%(value)s” is longer than %(max)s characters")
            % {"value": shown(cell), "max": MAX_LENGTHS.get(name, 100)}
        )
    return CHECKS.get(name, _text)(cell)


def _text(cell: str) -> str:
    return cell


def _employee_id(cell: str) -> str:
    if not EMPLOYEE_ID.fullmatch(cell):
        raise InputError(
            _("“%(value)s” is not an employee id: use letters, digits and . _ @ + - only")
            % {"value": shown(cell)}
        )
    return cell


def _department(cell: str) -> str:
    parts = [part.strip() for part in cell.split(SEPARATOR)]
    if not all(parts):
        raise InputError(
            _("“%(value)s” has an empty level; write levels as 售后服务部/华东大区/上海站")
            % {"value": shown(cell)}
        )
    return SEPARATOR.join(parts)


def _hire_date(cell: str) -> date:
    match = DATE.fullmatch(cell)
    try:
        if match is None:
            raise ValueError
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise InputError(
            _("“%(value)s” is not a date; write YYYY-MM-DD or YYYY/MM/DD") % {"value": shown(cell)}
        ) from None


def _email(cell: str) -> str:
    try:
        validate_email(cell)
    except ValidationError:
        raise InputError(
            _("“%(value)s” is not an email address") % {"value": shown(cell)}
        ) from None
    return cell


def _mobile(cell: str) -> str:
    if not MOBILE.fullmatch(cell):
        raise InputError(_("“%(value)s” is not a mobile number") % {"value": shown(cell)})
    return cell


def _status(cell: str) -> str:
    status = STATUS_NAMES.get(cell.lower())
    if status is None:
        raise InputError(
            _("unknown status “%(value)s”; write 在职/active or 离职/left") % {"value": shown(cell)}
        )
    return status


def _roles(cell: str) -> frozenset:
    roles = set()
    for part in ROLE_SEPARATORS.split(cell):
        word = part.strip()
        if not word:
            continue
        role = ROLE_NAMES.get(word.lower())
        if role is None:
            raise InputError(
                _(
                    "unknown role “%(value)s”; the roles are 学员/Learner, 培训师/Trainer, "
                    "考核负责人/Assessor and 主管/Manager"
                )
                % {"value": shown(word)}
            )
        roles.add(role)
    return _shared(frozenset(roles or {LEARNER}))


@functools.cache
def _shared(roles: frozenset) -> frozenset:
    """One set for everyone with the same roles (at most the 15 subsets of four roles)."""
    return roles


CHECKS = {
    "employee_id": _employee_id,
    "department": _department,
    "hire_date": _hire_date,
    "email": _email,
    "mobile": _mobile,
    "status": _status,
    "roles": _roles,
}


def _manager_errors(people: list[Person], known: dict[str, str | None], column: int) -> list:
    """Unknown managers, and managers whose chain comes back to the person (a cycle)."""
    managers = dict(known)
    managers.update({person.employee_id: person.manager or None for person in people})
    errors = []
    for person in people:
        if person.manager and person.manager not in managers:
            errors.append(
                InputError(
                    _("unknown manager “%(id)s”: not in the file nor on the platform")
                    % {"id": shown(person.manager)},
                    line=person.line,
                    column=column,
                )
            )
    in_cycle = _in_cycles(managers)
    errors += [
        InputError(
            _("manager “%(id)s” makes a cycle: the chain of managers comes back to %(self)s")
            % {"id": person.manager, "self": person.employee_id},
            line=person.line,
            column=column,
        )
        for person in people
        if person.employee_id in in_cycle
    ]
    return errors


def _in_cycles(managers: dict[str, str | None]) -> set[str]:
    """Employee ids that lie on a cycle of the manager graph (each person has one manager)."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    cycles: set[str] = set()
    for start in managers:
        walk, node = [], start
        while node is not None and node in managers and node not in state:
            state[node] = 1
            walk.append(node)
            node = managers[node]
        if node is not None and state.get(node) == 1:
            cycles.update(walk[walk.index(node) :])
        for visited in walk:
            state[visited] = 2
    return cycles

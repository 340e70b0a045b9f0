"""The calendar page's month: which month a ``?month=`` asks for, and its days with the
assignments that start or are due on each (plain values; nothing here reads the database)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from assignments.todo import Entry, local_day

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # months outside are refused as malformed


class BadMonth(ValueError):
    """A ``?month=`` that is not a month between FIRST_YEAR and LAST_YEAR as YYYY-MM."""


def parse_month(value: str | None, *, today: date) -> date:
    """The first day of the month ``value`` (``2026-12``) names; this month when it is empty.
    Raises ``BadMonth`` for anything else."""
    if not value:
        return today.replace(day=1)
    match = MONTH.fullmatch(value.strip())
    if not match:
        raise BadMonth(value)
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise BadMonth(value)
    return date(year, month, 1)


def shift(month: date, months: int) -> date | None:
    """The first day of the month ``months`` after ``month``; None outside the years allowed."""
    index = month.year * 12 + month.month - 1 + months
    year, month_number = divmod(index, 12)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return date(year, month_number + 1, 1)


@dataclass(frozen=True)
class Mark:
    """An assignment on a day: it opens (``starts``) or is due that day."""

    entry: Entry
    starts: bool


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    today: bool
    marks: list[Mark] = field(default_factory=list)


def month_weeks(month: date, entries: list[Entry], *, today: date) -> list[list[Day]]:
    """The weeks (Monday first) that show ``month``, each day with the entries due or starting
    on it, due dates first, each group by time."""
    on_day: dict[date, list[Mark]] = {}
    for entry in sorted(entries, key=lambda e: e.item.due_at):
        on_day.setdefault(local_day(entry.item.due_at), []).append(Mark(entry, starts=False))
    for entry in sorted(entries, key=lambda e: e.item.start_at):
        on_day.setdefault(local_day(entry.item.start_at), []).append(Mark(entry, starts=True))
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    )
    return [
        [
            Day(
                day=day,
                in_month=day.month == month.month,
                today=day == today,
                marks=on_day.get(day, []) if day.month == month.month else [],
            )
            for day in week
        ]
        for week in weeks
    ]

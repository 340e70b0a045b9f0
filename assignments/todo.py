"""A learner's to-do list from their assignments, as plain values (decision 0804).

``arrange(items, now=…)`` sorts a person's assignments into what the dashboard shows:

- **due**: open now (started), not done: by due date, so what is overdue comes first. An item
  is *overdue* once its due date has passed, unless it is waiting for marking (the learner has
  handed it in; the marking is not theirs to chase). It is *due soon* when it is due today or
  within ``DUE_SOON_DAYS`` calendar days.
- **upcoming**: not open yet (its start is in the future), by start date, then due date.
- **done**: done and due no more than ``RECENT_DAYS`` days ago (or later), most recent due
  date first; older done items are only counted. When a person finished is not stored by every
  app (decision 0801), so the due date stands in for "recently".

Days are calendar days in the site's time zone: something due at 09:00 tomorrow is "due
tomorrow" at 23:00 today. Nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy

from assignments.selectors import DONE, STARTED, TODO, WAITING

DUE_SOON_DAYS = 2  # due today, tomorrow or the day after: "due soon"
RECENT_DAYS = 14  # done items due in the last two weeks are listed; older ones are counted
SHOWN_DUE = 10  # the dashboard lists this many due (and recently done) items before "show all"
SHOWN_UPCOMING = 5


@dataclass(frozen=True)
class Item:
    """One assignment as one person sees it."""

    assignment_id: int
    kind: str  # Assignment.Kind value
    kind_label: str
    title: str  # in the person's language (an lms.bilingual.Localized where it may fall back)
    url: str  # where to do it
    start_at: datetime
    due_at: datetime
    state: str  # selectors TODO, STARTED, WAITING or DONE
    percent: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """An item placed on the to-do list at a moment."""

    item: Item
    overdue: bool
    due_soon: bool
    days_left: int  # calendar days from today to the due date (negative: overdue)
    opens_in: int  # calendar days from today to the start (positive: upcoming)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.item.state])

    @property
    def due_label(self) -> str:
        return due_label(self.days_left, overdue=self.overdue)


@dataclass(frozen=True)
class ToDo:
    due: list[Entry] = field(default_factory=list)
    upcoming: list[Entry] = field(default_factory=list)
    done: list[Entry] = field(default_factory=list)
    older_done: int = 0  # done items due longer ago than RECENT_DAYS, not listed
    more: int = 0  # due, upcoming or recently done items left out by ``shorten``
    overdue: int = 0  # how many are overdue, listed or not

    @property
    def empty(self) -> bool:
        return not (self.due or self.upcoming or self.done or self.older_done or self.more)


def local_day(moment: datetime) -> date:
    """The calendar day of ``moment`` in the site's time zone."""
    return timezone.localtime(moment).date()


def place(item: Item, *, now: datetime, today: date | None = None) -> Entry:
    """Where ``item`` stands at ``now``: overdue, due soon, days left, days until it opens
    (``today``: ``local_day(now)``, worked out once by a caller placing many items)."""
    today = local_day(now) if today is None else today
    days_left = (local_day(item.due_at) - today).days
    open_item = item.state in (TODO, STARTED)
    overdue = open_item and item.due_at < now
    return Entry(
        item=item,
        overdue=overdue,
        due_soon=open_item and not overdue and days_left <= DUE_SOON_DAYS,
        days_left=days_left,
        opens_in=(local_day(item.start_at) - today).days if item.start_at > now else 0,
    )


def arrange(items: list[Item], *, now: datetime) -> ToDo:
    """Sort a person's items into due, upcoming and recently done (see the module docstring)."""
    due, upcoming, done, older_done = [], [], [], 0
    today = local_day(now)
    for item in items:
        entry = place(item, now=now, today=today)
        if item.state == DONE:
            if entry.days_left >= -RECENT_DAYS:  # due on or after the day RECENT_DAYS ago
                done.append(entry)
            else:
                older_done += 1
        elif item.start_at > now:
            upcoming.append(entry)
        else:
            due.append(entry)
    due.sort(key=lambda e: (e.item.due_at, e.item.start_at, e.item.assignment_id))
    upcoming.sort(key=lambda e: (e.item.start_at, e.item.due_at, e.item.assignment_id))
    done.sort(key=lambda e: (e.item.due_at, e.item.assignment_id), reverse=True)
    overdue = sum(1 for entry in due if entry.overdue)
    return ToDo(due=due, upcoming=upcoming, done=done, older_done=older_done, overdue=overdue)


def shorten(todo: ToDo, *, due: int = SHOWN_DUE, upcoming: int = SHOWN_UPCOMING) -> ToDo:
    """The first ``due`` items due (overdue ones first), ``upcoming`` coming up and ``due``
    recently done: what the dashboard shows until "show all"; ``more`` counts the rest."""
    left_out = (
        max(0, len(todo.due) - due)
        + max(0, len(todo.upcoming) - upcoming)
        + max(0, len(todo.done) - due)
    )
    return replace(
        todo,
        due=todo.due[:due],
        upcoming=todo.upcoming[:upcoming],
        done=todo.done[:due],
        more=todo.more + left_out,
    )


def fingerprint(todo: ToDo) -> str:
    """Everything the to-do list shows, as one string: every field of every entry listed (a
    title's language and fallback mark too) and the counts. Two lists that print the same have
    the same fingerprint, and it changes the moment anything shown does (a state, a date, a
    day passing: ``days_left``)."""
    sections = [[_values(entry) for entry in part] for part in (todo.due, todo.upcoming, todo.done)]
    return repr((sections, todo.older_done, todo.more, todo.overdue))


def _values(entry: Entry) -> tuple:
    title = entry.item.title
    marks = (getattr(title, "lang", ""), bool(getattr(title, "fallback", False)))
    return (
        *(getattr(entry, f.name) for f in fields(entry) if f.name != "item"),
        *(getattr(entry.item, f.name) for f in fields(entry.item)),
        marks,
    )


def due_label(days_left: int, *, overdue: bool = False) -> str:
    """The due date relative to today ("due in 2 days", "due today", "3 days overdue")."""
    if overdue:
        if days_left >= 0:
            return gettext("overdue: was due today")
        return ngettext("%(days)d day overdue", "%(days)d days overdue", -days_left) % {
            "days": -days_left
        }
    if days_left == 0:
        return gettext("due today")
    if days_left == 1:
        return gettext("due tomorrow")
    if days_left > 1:
        return ngettext("due in %(days)d day", "due in %(days)d days", days_left) % {
            "days": days_left
        }
    return ngettext("was due %(days)d day ago", "was due %(days)d days ago", -days_left) % {
        "days": -days_left
    }


STATE_LABELS = {
    TODO: pgettext_lazy("assignment state", "To do"),
    STARTED: pgettext_lazy("assignment state", "Started"),
    WAITING: pgettext_lazy("assignment state", "Waiting for marking"),
    DONE: pgettext_lazy("assignment state", "Done"),
}

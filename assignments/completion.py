"""Completion against due dates, as staff read it: how many of an assignment's people are
done and how many are late, and each person's state with the dates that apply to them.

Built on the three selectors (``audience``, ``statuses``, ``dates``), each called once for
everything a page shows, so a page runs the same number of queries for 2 assignments or 200
(decision 0803).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from assignments import selectors
from assignments.models import Assignment
from courses import api as courses
from lms import api as lms_api
from lms import organisation

STATE_LABELS = {
    selectors.TODO: pgettext_lazy("assignment state", "To do"),
    selectors.STARTED: pgettext_lazy("assignment state", "Started"),
    selectors.WAITING: pgettext_lazy("assignment state", "Waiting for marking"),
    selectors.DONE: pgettext_lazy("assignment state", "Done"),
}


@dataclass(frozen=True)
class Completion:
    """Of an assignment's people (or those of them a page looks at)."""

    people: int
    done: int
    overdue: int  # not done and past their own due date
    waiting: int  # handed in, waiting for marking


@dataclass(frozen=True)
class PersonRow:
    user_id: int
    name: str
    employee_id: str
    units: str  # the paths of the units the person is placed in
    progress: selectors.Progress
    dates: selectors.Dates
    overdue: bool

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.progress.state]


def _is_overdue(progress: selectors.Progress, dates: selectors.Dates, now: datetime) -> bool:
    return not progress.done and dates.due_at <= now


def completions(
    assignments: Iterable[Assignment],
    *,
    among: set[int] | None = None,
    now: datetime | None = None,
) -> dict[int, Completion]:
    """Assignment id → its ``Completion``; only the people in ``among`` when given (a cohort's
    learners, a manager's team). The assignments need their targets (``with_targets``)."""
    assignments = list(assignments)
    if not assignments:
        return {}
    now = now or timezone.now()
    audiences = selectors.audience(assignments)
    if among is not None:
        audiences = {pk: people & among for pk, people in audiences.items()}
    everyone = set().union(*audiences.values()) if audiences else set()
    progress = selectors.statuses(assignments, everyone)
    when = selectors.dates(assignments, everyone)
    found = {}
    for assignment in assignments:
        people = audiences[assignment.pk]
        states = [(progress[(assignment.pk, p)], when[(assignment.pk, p)]) for p in people]
        found[assignment.pk] = Completion(
            people=len(people),
            done=sum(1 for state, _dates in states if state.done),
            overdue=sum(1 for state, dates in states if _is_overdue(state, dates, now)),
            waiting=sum(1 for state, _dates in states if state.state == selectors.WAITING),
        )
    return found


def people_rows(
    assignment: Assignment,
    *,
    unit_id: int | None = None,
    cohort_id: int | None = None,
    now: datetime | None = None,
) -> list[PersonRow]:
    """Every person of the assignment's audience (those placed in ``unit_id`` or below it,
    those in the cohort ``cohort_id``, when given) with their state, their own dates and
    whether they are late, by employee id. About 25 queries for any number of people."""
    now = now or timezone.now()
    people = selectors.audience([assignment])[assignment.pk]
    if unit_id is not None:
        people &= organisation.people_below([unit_id])
    if cohort_id is not None:
        people &= set(courses.cohort_learner_ids(cohort_id=cohort_id))
    progress = selectors.statuses([assignment], people)
    when = selectors.dates([assignment], people)
    persons = lms_api.people_by_ids(people)
    paths: dict[int, list[str]] = defaultdict(list)
    for member in organisation.members({unit.id for unit in organisation.units()}):
        if member.user_id in people:
            paths[member.user_id].append(member.unit_path)
    rows = []
    for user_id in people:
        person = persons[user_id]
        state, dates = progress[(assignment.pk, user_id)], when[(assignment.pk, user_id)]
        rows.append(
            PersonRow(
                user_id=user_id,
                name=person.name or person.username,
                employee_id=person.employee_id or "",
                units=" · ".join(paths[user_id]),
                progress=state,
                dates=dates,
                overdue=_is_overdue(state, dates, now),
            )
        )
    return sorted(rows, key=lambda row: (row.employee_id or "~", row.name))


def of_cohort(cohort_id: int) -> list[Assignment]:
    """The assignments given to a cohort, soonest due first, with their targets. 1 query."""
    return list(
        selectors.with_targets(Assignment.objects.filter(cohorts=cohort_id)).order_by("due_at")
    )


TEAM_PANEL_DAYS = 60  # the team page shows what is open or was due in the last 60 days
TEAM_PANEL_ROWS = 20


def of_people(user_ids: set[int], *, now: datetime | None = None) -> list[Assignment]:
    """The started assignments any of these people has (through a cohort, a unit at or above
    theirs, or by name) that are open or were due in the last ``TEAM_PANEL_DAYS`` days, soonest
    due first, at most ``TEAM_PANEL_ROWS``. 4 queries."""
    now = now or timezone.now()
    if not user_ids:
        return []
    units = organisation.units()
    placed = {
        m.unit_id for m in organisation.members({u.id for u in units}) if m.user_id in user_ids
    }
    parent = {unit.id: unit.parent_id for unit in units}
    above: set[int] = set()
    for unit_id in placed:
        current: int | None = unit_id
        while current is not None and current not in above:
            above.add(current)
            current = parent.get(current)
    theirs = Q(people__in=user_ids) | Q(cohorts__learners__in=user_ids) | Q(units__in=above)
    ids = Assignment.objects.filter(theirs).values("pk")
    recent = now - timedelta(days=TEAM_PANEL_DAYS)
    return list(
        selectors.with_targets(
            Assignment.objects.filter(pk__in=ids, start_at__lte=now, due_at__gte=recent)
        ).order_by("due_at", "pk")[:TEAM_PANEL_ROWS]
    )

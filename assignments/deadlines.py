"""A practice case's deadline is the due date of its assignment, each person's own (with their
deadline override): the case page shows it to the learner and the grading queue marks a report
handed in after it as late (decision 0803). Read through hooks the cases app calls."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from assignments import selectors
from assignments.models import Assignment


@dataclass(frozen=True)
class CaseDeadline:
    due_at: datetime
    progress: selectors.Progress


def case_due_dates(*, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], datetime]:
    """(user id, case id) → that person's due date for the case, for the pairs that have one:
    the earliest of the case's assignments the person has. About 10 queries for any number."""
    pairs = set(pairs)
    case_ids = {case_id for _user, case_id in pairs}
    user_ids = {user_id for user_id, _case in pairs}
    assignments = list(Assignment.objects.filter(kind=Assignment.Kind.CASE, case_id__in=case_ids))
    if not assignments:
        return {}
    audiences = selectors.audience(assignments)
    when = selectors.dates(assignments, user_ids)
    found: dict[tuple[int, int], datetime] = {}
    for assignment in assignments:
        for user_id in audiences[assignment.pk] & user_ids:
            key = (user_id, assignment.case_id)
            if key not in pairs:
                continue
            due = when[(assignment.pk, user_id)].due_at
            found[key] = min(due, found.get(key, due))
    return found


def case_deadline(*, user, case_id: int) -> CaseDeadline | None:
    """The learner's own due date for a case, with how far they are; None when no assignment
    of the case is theirs. 1 query for a case nobody is given, about 20 otherwise."""
    if not Assignment.objects.filter(kind=Assignment.Kind.CASE, case_id=case_id).exists():
        return None
    mine = [a for a in selectors.assignments_for(user) if a.case_id == case_id]
    if not mine:
        return None
    when = selectors.dates(mine, [user.pk])
    first = min(mine, key=lambda a: when[(a.pk, user.pk)].due_at)
    progress = selectors.statuses([first], [user.pk])[(first.pk, user.pk)]
    return CaseDeadline(due_at=when[(first.pk, user.pk)].due_at, progress=progress)

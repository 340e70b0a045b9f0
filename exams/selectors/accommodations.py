"""Reads of accommodations: what one person gets on an exam, and every grant of an exam.

A unit's accommodation reaches the people placed in that unit or in any unit below it; units
and their people are read through ``lms.organisation`` (exams imports nothing of ``people``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from exams import rules
from exams.models import Accommodation, Quiz
from lms import organisation
from lms.db.prepared import PreparedRead


@dataclass(frozen=True)
class Accommodated:
    """One person's allowance on one exam and the grants it comes from (personal first)."""

    allowance: rules.Allowance
    grants: tuple[Accommodation, ...]


NOTHING = Accommodated(rules.Allowance(), ())


def _subtrees(unit_ids: set[int]) -> dict[int, set[int]]:
    """Each unit of ``unit_ids`` → itself and every unit below it (1 query)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in organisation.units():
        children[unit.parent_id].append(unit.id)
    trees = {}
    for top in unit_ids:
        seen, stack = set(), [top]
        while stack:
            unit_id = stack.pop()
            if unit_id not in seen:
                seen.add(unit_id)
                stack.extend(children.get(unit_id, ()))
        trees[top] = seen
    return trees


def unit_reach(rows: list[Accommodation], *, username: str | None = None) -> dict[int, set[int]]:
    """Unit accommodation id → the ids of the people it reaches (only the person ``username``
    when given). 2 queries when a row names a unit, none otherwise."""
    unit_rows = [row for row in rows if row.unit_id]
    if not unit_rows:
        return {}
    trees = _subtrees({row.unit_id for row in unit_rows})
    people: dict[int, set[int]] = defaultdict(set)
    for member in organisation.members(set().union(*trees.values()), username=username):
        people[member.unit_id].add(member.user_id)
    return {
        row.pk: set().union(*(people[unit_id] for unit_id in trees[row.unit_id]))
        for row in unit_rows
    }


# The exam's page and its start read them for each learner: the SQL is compiled once (0905).
_GRANTS = PreparedRead(
    lambda quiz_id, user_id: (
        Accommodation.objects.filter(Q(user_id=user_id) | Q(unit__isnull=False), quiz_id=quiz_id)
        .select_related("granted_by", "unit")
        .order_by("-granted_at", "-pk")
    )
)


def accommodation_for(*, quiz: Quiz, user) -> Accommodated:
    """What ``user`` gets on ``quiz``: their own grants and those of their units, combined by
    ``rules.combine_grants``. 1 query, 3 when the exam has unit grants."""
    if not user.is_authenticated:
        return NOTHING
    rows = _GRANTS.all(quiz.pk, user.pk)
    reach = unit_reach(rows, username=user.get_username())
    mine = [row for row in rows if row.user_id == user.pk or user.pk in reach.get(row.pk, ())]
    if not mine:
        return NOTHING
    for row in mine:
        row.quiz = quiz  # the rows' extra time reads the exam's time limit
    mine.sort(key=lambda row: row.user_id is None)
    allowance = rules.combine_grants(
        [row.grant() for row in mine], time_limit_minutes=quiz.time_limit_minutes
    )
    return Accommodated(allowance=allowance, grants=tuple(mine))


def quiz_accommodations(quiz: Quiz) -> list[Accommodation]:
    """Every accommodation of the exam, newest first, with their people and units (1 query)."""
    rows = list(
        Accommodation.objects.filter(quiz=quiz)
        .select_related("user", "unit", "granted_by")
        .order_by("-granted_at", "-pk")
    )
    for row in rows:
        row.quiz = quiz
    return rows

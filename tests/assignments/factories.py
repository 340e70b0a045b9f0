"""Assignments for tests: ``assign(quiz, cohorts=[cohort], due_in=7)``."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from assignments.models import Assignment

KIND_OF_TARGET = {
    "CoursePage": Assignment.Kind.COURSE,
    "Quiz": Assignment.Kind.EXAM,
    "PracticeCase": Assignment.Kind.CASE,
    "Program": Assignment.Kind.PROGRAM,
}


def assign(
    target,
    *,
    cohorts=(),
    units=(),
    people=(),
    start_in: float = -1,
    due_in: float = 7,
    by=None,
    note: str = "",
) -> Assignment:
    """An assignment of ``target`` (a course page, quiz, practice case or program) that
    started ``-start_in`` days ago and is due in ``due_in`` days."""
    kind = KIND_OF_TARGET[type(target).__name__]
    now = timezone.now()
    assignment = Assignment.objects.create(
        kind=kind,
        **{Assignment.TARGET_FIELDS[kind]: target},
        start_at=now + timedelta(days=start_in),
        due_at=now + timedelta(days=due_in),
        created_by=by,
        note=note,
    )
    assignment.cohorts.add(*cohorts)
    assignment.units.add(*units)
    assignment.people.add(*people)
    return assignment

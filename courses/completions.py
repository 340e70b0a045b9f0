"""A learner's lesson completions read once per request (decision 0904, fourth round).

The learner's dashboard needs them twice: the to-do list counts them per module for its
assigned courses (``api.course_completion``), the "my courses" panel reads them by lesson
(``selectors.courses_progress``). With the request's memo (``lms.request_memo``) one read of
every completion of the learner serves both; without one each reads as before, only what it
needs, in the database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from courses.models import LessonCompletion
from lms import request_memo


@dataclass(frozen=True)
class CompletionRow:
    lesson_key: UUID
    module_key: UUID | None
    course_key: UUID | None
    completed_at: datetime


def own_completions(*, user_id: int, memo: request_memo.Memo) -> list[CompletionRow]:
    """Every lesson completion of the learner, as plain rows. 1 query, none when ``memo`` has
    them."""
    return request_memo.read(
        memo,
        ("courses.own_completions", user_id),
        lambda: [
            CompletionRow(*values)
            for values in LessonCompletion.objects.filter(user_id=user_id)
            .order_by()
            .values_list("lesson_key", "module_key", "course_key", "completed_at")
        ],
    )


def by_lesson(
    rows: list[CompletionRow], *, course_keys: Collection[UUID], lesson_keys: Collection[UUID]
) -> dict[UUID, datetime]:
    """Lesson key → when, of these lessons, in these courses or of no known course (as
    ``selectors._completions`` reads them)."""
    return {
        row.lesson_key: row.completed_at
        for row in rows
        if (row.course_key is None or row.course_key in course_keys)
        and row.lesson_key in lesson_keys
    }


def per_module(
    rows: list[CompletionRow],
    *,
    user_id: int,
    course_keys: Collection[UUID],
    hidden_lessons: Collection[UUID],
) -> tuple[list[tuple[int, UUID | None, int]], dict[int, datetime]]:
    """(learner id, module key, completions) and learner id → last completion, as
    ``selectors.completion_counts`` counts them in the database: in these courses, not of a
    hidden lesson."""
    counts: dict[UUID | None, int] = {}
    last = None
    for row in rows:
        if row.course_key in course_keys and row.lesson_key not in hidden_lessons:
            counts[row.module_key] = counts.get(row.module_key, 0) + 1
            if last is None or row.completed_at > last:
                last = row.completed_at
    found = [(user_id, module_key, n) for module_key, n in counts.items()]
    return found, ({user_id: last} if last is not None else {})

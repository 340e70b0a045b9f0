"""How far a learner is in a course, from plain values: pure functions, no database.

``build_outline`` owns the rules: which modules are locked, how percentages are rounded, and
which lesson "continue where you left off" opens. The selectors fetch the rows and call it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID


def percent(done: int, total: int) -> int:
    """Whole percent, rounded down so that 100 % means every lesson is done."""
    if total <= 0:
        return 0
    return min(100, (100 * done) // total)


@dataclass(frozen=True)
class ModuleRow:
    """A live module as read from the database."""

    id: int
    key: UUID
    title: str
    url: str
    summary: str
    requires_previous: bool
    path: str = ""  # the page's tree path, to group modules by course


@dataclass(frozen=True)
class LessonRow:
    """A live lesson as read from the database, with the id of its module."""

    id: int
    key: UUID
    module_id: int
    title: str
    url: str
    minutes: int


@dataclass(frozen=True)
class LessonItem:
    id: int
    key: UUID
    module_id: int
    title: str
    url: str
    minutes: int
    completed_at: datetime | None
    locked: bool

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class ModuleItem:
    id: int
    key: UUID
    number: int
    title: str
    url: str
    summary: str
    requires_previous: bool
    lessons: tuple[LessonItem, ...]
    locked: bool  # for this learner, now
    previous_title: str | None  # the module that unlocks this one, when it requires it
    completed: int
    total: int

    @property
    def percent(self) -> int:
        return percent(self.completed, self.total)

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed == self.total


@dataclass(frozen=True)
class Outline:
    """A course as one learner sees it: modules, lessons, progress and where to continue."""

    modules: tuple[ModuleItem, ...]
    completed: int
    total: int
    continue_lesson: LessonItem | None
    last_activity: datetime | None
    locks_apply: bool
    started: bool
    _lessons: dict = field(default_factory=dict, compare=False, repr=False)
    # Where its modules and lessons came from (a key of the shared cache, decision 0904); with
    # the state of its lessons it names the rendered outline. Empty: not to be cached.
    source: str = ""

    def state(self) -> tuple:
        """What the reader's progress changes in it: each module's lock, each lesson done."""
        return (
            self.locks_apply,
            tuple(m.locked for m in self.modules),
            tuple(lesson.id for lesson in self._lessons.values() if lesson.completed_at),
        )

    @property
    def percent(self) -> int:
        return percent(self.completed, self.total)

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed == self.total

    def module(self, module_id: int) -> ModuleItem | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def lesson(self, lesson_id: int) -> LessonItem | None:
        return self._lessons.get(lesson_id)

    def module_of(self, lesson_id: int) -> ModuleItem | None:
        lesson = self.lesson(lesson_id)
        return self.module(lesson.module_id) if lesson else None

    def lesson_to_finish_first(self, lesson_id: int) -> LessonItem | None:
        """What opens the locked lesson ``lesson_id``: the first lesson not completed of the
        nearest open module before it (the one whose completion starts the chain of unlocks).
        None when the lesson is open or unknown."""
        lesson = self.lesson(lesson_id)
        if lesson is None or not lesson.locked:
            return None
        index = next(i for i, module in enumerate(self.modules) if module.id == lesson.module_id)
        for module in reversed(self.modules[:index]):
            if not module.locked:
                return next((item for item in module.lessons if not item.completed), None)
        return None

    def neighbours(self, lesson_id: int) -> tuple[LessonItem | None, LessonItem | None]:
        """The lessons before and after ``lesson_id`` in course order."""
        ordered = [lesson for module in self.modules for lesson in module.lessons]
        ids = [lesson.id for lesson in ordered]
        if lesson_id not in ids:
            return None, None
        i = ids.index(lesson_id)
        return (ordered[i - 1] if i > 0 else None), (ordered[i + 1] if i + 1 < len(ids) else None)


def _module_item(
    *,
    number: int,
    module: ModuleRow,
    rows: list[LessonRow],
    previous: ModuleItem | None,
    completions: Mapping[UUID, datetime],
    locks_apply: bool,
) -> ModuleItem:
    """The ``number``-th module with its lessons, locked when it requires ``previous`` and
    ``previous`` is locked or not complete."""
    locked = bool(
        locks_apply
        and module.requires_previous
        and previous is not None
        and (previous.locked or previous.completed < previous.total)
    )
    lesson_items = tuple(
        LessonItem(
            id=row.id,
            key=row.key,
            module_id=module.id,
            title=row.title,
            url=row.url,
            minutes=row.minutes,
            completed_at=completions.get(row.key),
            locked=locked,
        )
        for row in rows
    )
    return ModuleItem(
        id=module.id,
        key=module.key,
        number=number,
        title=module.title,
        url=module.url,
        summary=module.summary,
        requires_previous=module.requires_previous,
        lessons=lesson_items,
        locked=locked,
        previous_title=previous.title if (module.requires_previous and previous) else None,
        completed=sum(1 for lesson in lesson_items if lesson.completed),
        total=len(lesson_items),
    )


def build_outline(
    *,
    modules: Iterable[ModuleRow],
    lessons: Iterable[LessonRow],
    completions: Mapping[UUID, datetime],
    last_visited: UUID | None = None,
    last_visited_at: datetime | None = None,
    locks_apply: bool = True,
    source: str = "",
) -> Outline:
    """Combine the course's live modules and lessons with one learner's completions.

    A module that "requires the previous module" is locked while the module before it has a
    lesson not yet completed (a locked module locks the next one that requires it in turn).
    ``locks_apply`` is False for trainers and administrators, who read every module.
    """
    by_module: dict[int, list[LessonRow]] = {}
    for lesson in lessons:
        by_module.setdefault(lesson.module_id, []).append(lesson)

    items: list[ModuleItem] = []
    previous: ModuleItem | None = None
    for number, module in enumerate(modules, start=1):
        previous = _module_item(
            number=number,
            module=module,
            rows=by_module.get(module.id, []),
            previous=previous,
            completions=completions,
            locks_apply=locks_apply,
        )
        items.append(previous)

    ordered = [lesson for module in items for lesson in module.lessons]
    completed = sum(1 for lesson in ordered if lesson.completed)
    times = [lesson.completed_at for lesson in ordered if lesson.completed_at]
    if last_visited_at:
        times.append(last_visited_at)
    return Outline(
        modules=tuple(items),
        completed=completed,
        total=len(ordered),
        continue_lesson=continue_lesson(ordered, last_visited),
        last_activity=max(times) if times else None,
        locks_apply=locks_apply,
        started=bool(times),
        _lessons={lesson.id: lesson for lesson in ordered},
        source=source,
    )


def continue_lesson(ordered: list[LessonItem], last_visited: UUID | None) -> LessonItem | None:
    """Where "continue" takes the learner.

    The lesson last opened if it is not completed yet; else the next lesson after it that is
    neither completed nor locked; else the first lesson not completed. None when all are done.
    """
    open_lessons = [lesson for lesson in ordered if not lesson.locked]
    keys = [lesson.key for lesson in ordered]
    if last_visited in keys:
        start = keys.index(last_visited)
        visited = ordered[start]
        if not visited.completed and not visited.locked:
            return visited
        for lesson in ordered[start + 1 :]:
            if not lesson.completed and not lesson.locked:
                return lesson
    return next((lesson for lesson in open_lessons if not lesson.completed), None)


# --- Cohort tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortRow:
    """One learner's line in a cohort's progress table."""

    user_id: int
    name: str
    username: str
    employee_id: str
    module_percents: tuple[int, ...]
    completed: int
    total: int
    last_activity: datetime | None

    @property
    def percent(self) -> int:
        return percent(self.completed, self.total)


SORT_KEYS = ("name", "employee_id", "percent", "last_activity")
MODULE_SORT_KEY = re.compile(r"m([0-9]{1,4})")  # ASCII digits only: int("²") fails


def sort_rows(rows: list[CohortRow], *, key: str, descending: bool) -> list[CohortRow]:
    """Sort a cohort table by a column: name, employee_id, percent, last_activity or m<N>.

    ``m<N>`` is the N-th module's completion (1-based). Unknown keys sort by name. Learners
    without activity come last whichever the direction.
    """
    module = MODULE_SORT_KEY.fullmatch(key)
    if module:
        index = int(module.group(1)) - 1
        if rows and 0 <= index < len(rows[0].module_percents):
            return sorted(
                rows, key=lambda r: (r.module_percents[index], r.name), reverse=descending
            )
        key = "name"
    if key == "percent":
        return sorted(rows, key=lambda r: (r.percent, r.name), reverse=descending)
    if key == "last_activity":
        active = [r for r in rows if r.last_activity]
        idle = sorted((r for r in rows if not r.last_activity), key=lambda r: r.name)
        return sorted(active, key=lambda r: r.last_activity, reverse=descending) + idle
    if key == "employee_id":
        return sorted(rows, key=lambda r: (r.employee_id, r.name), reverse=descending)
    return sorted(rows, key=lambda r: (r.name, r.username), reverse=descending)


@dataclass(frozen=True)
class Learner:
    """A learner of a cohort, as the progress table names them."""

    id: int
    name: str
    username: str
    employee_id: str


@dataclass(frozen=True)
class ModuleColumn:
    number: int
    title: str

    @property
    def sort_key(self) -> str:
        return f"m{self.number}"


@dataclass(frozen=True)
class CohortTable:
    id: int
    name: str
    course_title: str
    start_date: date
    end_date: date | None
    modules: tuple[ModuleColumn, ...]
    rows: tuple[CohortRow, ...]
    total_lessons: int

    @property
    def average_percent(self) -> int:
        if not self.rows:
            return 0
        return sum(row.percent for row in self.rows) // len(self.rows)


def lessons_per_module(lessons: Iterable[LessonRow]) -> dict[int, int]:
    """Module id → number of its live lessons."""
    counts: dict[int, int] = {}
    for lesson in lessons:
        counts[lesson.module_id] = counts.get(lesson.module_id, 0) + 1
    return counts


def module_completions(
    *,
    counts: Iterable[tuple[int, UUID | None, int]],
    modules: Iterable[ModuleRow],
    lessons_per_module: Mapping[int, int],
) -> dict[tuple[int, int], int]:
    """(learner id, module id) → lessons completed, from completions counted per learner and
    module key. A module not among ``modules`` is left out; a count never exceeds the
    module's live lessons."""
    module_by_key = {m.key: m for m in modules}
    done: dict[tuple[int, int], int] = {}
    for user_id, module_key, n in counts:
        module = module_by_key.get(module_key)
        if module is not None:
            done[(user_id, module.id)] = min(n, lessons_per_module.get(module.id, 0))
    return done


def cohort_rows(
    *,
    learners: Iterable[Learner],
    module_ids: Sequence[int],
    lessons_per_module: Mapping[int, int],
    done: Mapping[tuple[int, int], int],
    last_done: Mapping[int, datetime],
    last_visit: Mapping[int, datetime],
) -> list[CohortRow]:
    """One row per learner, sorted by employee id: the percent of each module (in
    ``module_ids`` order), lessons completed of the course's, and the last activity (the
    later of the last completion and the last visit)."""
    totals = [lessons_per_module.get(m, 0) for m in module_ids]
    rows = []
    for learner in learners:
        completed = [done.get((learner.id, m), 0) for m in module_ids]
        activity = [t for t in (last_done.get(learner.id), last_visit.get(learner.id)) if t]
        rows.append(
            CohortRow(
                user_id=learner.id,
                name=learner.name,
                username=learner.username,
                employee_id=learner.employee_id,
                module_percents=tuple(
                    percent(n, total) for n, total in zip(completed, totals, strict=True)
                ),
                completed=sum(completed),
                total=sum(totals),
                last_activity=max(activity) if activity else None,
            )
        )
    return sort_rows(rows, key="employee_id", descending=False)


def cohort_table(
    *,
    id: int,
    name: str,
    course_title: str,
    start_date: date,
    end_date: date | None,
    modules: Sequence[ModuleRow],
    titles: Mapping[UUID, str],
    rows: Sequence[CohortRow],
    lessons_per_module: Mapping[int, int],
) -> CohortTable:
    """A cohort's table: its course's ``modules`` as numbered columns (titled from ``titles``
    when there, else as they are), its learners' ``rows`` and the course's lesson count."""
    return CohortTable(
        id=id,
        name=name,
        course_title=course_title,
        start_date=start_date,
        end_date=end_date,
        modules=tuple(
            ModuleColumn(number=i, title=titles.get(m.key, m.title))
            for i, m in enumerate(modules, start=1)
        ),
        rows=tuple(rows),
        total_lessons=sum(lessons_per_module.get(m.id, 0) for m in modules),
    )

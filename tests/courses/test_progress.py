from datetime import UTC, datetime
from uuid import uuid4

from courses import progress


def build(modules_spec, done=(), visited=None, locks_apply=True):
    """modules_spec: list of (requires_previous, lesson count); done: lesson numbers (1-based)."""
    modules, lessons, keys = [], [], []
    n = 0
    for m, (requires, count) in enumerate(modules_spec, start=1):
        modules.append(progress.ModuleRow(m, uuid4(), f"M{m}", f"/m{m}/", "", requires))
        for _ in range(count):
            n += 1
            key = uuid4()
            keys.append(key)
            lessons.append(progress.LessonRow(n, key, m, f"L{n}", f"/l{n}/", 10))
    when = datetime(2026, 7, 1, tzinfo=UTC)
    completions = {keys[i - 1]: when for i in done}
    outline = progress.build_outline(
        modules=modules,
        lessons=lessons,
        completions=completions,
        last_visited=keys[visited - 1] if visited else None,
        locks_apply=locks_apply,
    )
    return outline


def test_percent_rounds_down_and_handles_empty_courses():
    assert progress.percent(1, 3) == 33
    assert progress.percent(2, 3) == 66
    assert progress.percent(3, 3) == 100
    assert progress.percent(0, 0) == 0


def test_progress_per_module_and_course():
    outline = build([(False, 2), (False, 2)], done=[1, 2, 3])
    assert [m.percent for m in outline.modules] == [100, 50]
    assert (outline.completed, outline.total, outline.percent) == (3, 4, 75)


def test_a_module_requiring_the_previous_is_locked_until_it_is_complete():
    outline = build([(False, 2), (True, 1), (True, 1)], done=[1])
    assert [m.locked for m in outline.modules] == [False, True, True]
    assert outline.modules[1].previous_title == "M1"
    outline = build([(False, 2), (True, 1), (True, 1)], done=[1, 2])
    assert [m.locked for m in outline.modules] == [False, False, True]


def test_locks_do_not_apply_to_trainers():
    outline = build([(False, 1), (True, 1)], locks_apply=False)
    assert not outline.modules[1].locked


def test_continue_opens_the_first_lesson_for_a_new_learner():
    outline = build([(False, 2), (False, 2)])
    assert outline.continue_lesson.id == 1
    assert not outline.started


def test_continue_reopens_the_unfinished_lesson_last_visited():
    outline = build([(False, 2), (False, 2)], done=[1], visited=3)
    assert outline.continue_lesson.id == 3


def test_continue_moves_past_a_completed_last_visit():
    outline = build([(False, 2), (False, 2)], done=[1, 3], visited=3)
    assert outline.continue_lesson.id == 4


def test_continue_skips_locked_lessons_and_falls_back_to_the_first_open_one():
    outline = build([(False, 2), (True, 2)], done=[2], visited=2)
    assert outline.continue_lesson.id == 1


def test_nothing_to_continue_when_every_lesson_is_done():
    outline = build([(False, 1)], done=[1])
    assert outline.continue_lesson is None
    assert outline.is_complete


def test_neighbours_follow_course_order_across_modules():
    outline = build([(False, 2), (False, 2)])
    previous, following = outline.neighbours(2)
    assert (previous.id, following.id) == (1, 3)
    assert outline.neighbours(1)[0] is None
    assert outline.neighbours(4)[1] is None


def row(name, percents, last=None, employee_id="E1"):
    return progress.CohortRow(1, name, name, employee_id, percents, sum(percents) // 50, 4, last)


def test_sort_rows_by_module_percent_and_by_activity():
    a = row("a", (100, 0), datetime(2026, 7, 2, tzinfo=UTC))
    b = row("b", (50, 50), None)
    c = row("c", (0, 100), datetime(2026, 7, 3, tzinfo=UTC))
    rows = [a, b, c]
    assert progress.sort_rows(rows, key="m1", descending=True) == [a, b, c]
    assert progress.sort_rows(rows, key="m2", descending=True) == [c, b, a]
    assert progress.sort_rows(rows, key="last_activity", descending=True) == [c, a, b]
    assert progress.sort_rows(rows, key="last_activity", descending=False) == [a, c, b]
    assert progress.sort_rows(rows, key="m9", descending=False) == [a, b, c]
    assert progress.sort_rows(rows, key="nonsense", descending=True) == [c, b, a]

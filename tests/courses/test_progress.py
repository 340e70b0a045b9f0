from datetime import UTC, date, datetime
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


def test_a_locked_lesson_names_the_first_unfinished_lesson_of_the_open_module_before_it():
    # M3 requires M2, which requires M1: finishing starts in M1, at its first lesson not done.
    outline = build([(False, 2), (True, 2), (True, 1)], done=[1])
    assert outline.lesson_to_finish_first(5).id == 2
    assert outline.lesson_to_finish_first(3).id == 2
    # M2 does not require M1, so M3 only waits for M2, whatever is left in M1.
    outline = build([(False, 2), (False, 2), (True, 1)], done=[3])
    assert outline.lesson_to_finish_first(5).id == 4
    assert outline.lesson_to_finish_first(1) is None  # an open lesson


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


def lesson_rows(*module_ids):
    return [
        progress.LessonRow(n, uuid4(), module_id, f"L{n}", f"/l{n}/", 10)
        for n, module_id in enumerate(module_ids, start=1)
    ]


def test_lessons_are_counted_per_module():
    assert progress.lessons_per_module(lesson_rows(1, 1, 1, 2)) == {1: 3, 2: 1}
    assert progress.lessons_per_module([]) == {}


def test_module_completions_keep_known_modules_and_never_exceed_their_lessons():
    m1 = progress.ModuleRow(1, uuid4(), "M1", "/m1/", "", False)
    m2 = progress.ModuleRow(2, uuid4(), "M2", "/m2/", "", False)
    counts = [(7, m1.key, 2), (7, m2.key, 5), (8, uuid4(), 1), (8, None, 1)]
    done = progress.module_completions(
        counts=counts, modules=[m1, m2], lessons_per_module={1: 3, 2: 4}
    )
    # Learner 7: 2 of 3 in M1, 5 counted in M2 but it has 4 lessons; learner 8's modules are gone.
    assert done == {(7, 1): 2, (7, 2): 4}


def test_cohort_rows_give_module_percents_totals_and_the_latest_activity():
    wang = progress.Learner(7, "王伟", "wangwei", "E2")
    li = progress.Learner(8, "李娜", "lina", "E1")
    zhao = progress.Learner(9, "赵敏", "zhaomin", "E3")
    july_2 = datetime(2026, 7, 2, tzinfo=UTC)
    july_3 = datetime(2026, 7, 3, tzinfo=UTC)
    rows = progress.cohort_rows(
        learners=[wang, li, zhao],
        module_ids=[1, 2],
        lessons_per_module={1: 3, 2: 4},
        done={(7, 1): 3, (7, 2): 1, (8, 1): 1},
        last_done={7: july_3, 8: july_2},
        last_visit={8: july_3, 9: july_2},
    )
    # Sorted by employee id: 李娜 (E1), 王伟 (E2), 赵敏 (E3).
    assert [r.name for r in rows] == ["李娜", "王伟", "赵敏"]
    li_row, wang_row, zhao_row = rows
    # 1 of 3 → 33 %, 0 of 4 → 0 %; 1 of 7 lessons → 14 %; the visit is later than the completion.
    assert (li_row.module_percents, li_row.completed, li_row.total) == ((33, 0), 1, 7)
    assert (li_row.percent, li_row.last_activity) == (14, july_3)
    # 3 of 3 → 100 %, 1 of 4 → 25 %; 4 of 7 → 57 %.
    assert (wang_row.module_percents, wang_row.percent, wang_row.last_activity) == (
        (100, 25),
        57,
        july_3,
    )
    # Nothing completed, only a visit.
    assert (zhao_row.module_percents, zhao_row.percent, zhao_row.last_activity) == (
        (0, 0),
        0,
        july_2,
    )
    assert (
        progress.cohort_rows(
            learners=[], module_ids=[1], lessons_per_module={}, done={}, last_done={}, last_visit={}
        )
        == []
    )


def test_a_cohort_table_numbers_its_modules_and_counts_the_course_lessons():
    m1 = progress.ModuleRow(1, uuid4(), "安全须知", "/m1/", "", False)
    m2 = progress.ModuleRow(2, uuid4(), "故障诊断", "/m2/", "", False)
    rows = [row("a", (100, 50)), row("b", (0, 0))]
    table = progress.cohort_table(
        id=5,
        name="2026年7月入职班",
        course_title="售后工程师入职课程",
        start_date=date(2026, 7, 1),
        end_date=None,
        modules=[m1, m2],
        titles={m2.key: "Troubleshooting"},
        rows=rows,
        lessons_per_module={1: 3, 2: 4, 99: 10},
    )
    assert table.modules == (
        progress.ModuleColumn(1, "安全须知"),
        progress.ModuleColumn(2, "Troubleshooting"),
    )
    assert [c.sort_key for c in table.modules] == ["m1", "m2"]
    assert table.rows == tuple(rows)
    assert table.total_lessons == 7  # 3 + 4; module 99 is another course's
    # Rows at 3 of 4 (75 %) and 0 of 4: the average is 75 // 2 = 37.
    assert table.average_percent == 37

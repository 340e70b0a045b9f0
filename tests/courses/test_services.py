import pytest

from courses import selectors, services
from courses.models import LessonCompletion
from tests.courses.factories import lessons_of, modules_of

pytestmark = pytest.mark.django_db


def test_marking_complete_is_idempotent_and_keeps_the_first_time(learner, course):
    lesson = lessons_of(course)[0]
    first = services.lesson_mark_complete(user=learner, lesson=lesson)
    again = services.lesson_mark_complete(user=learner, lesson=lesson)
    assert first.pk == again.pk and first.completed_at == again.completed_at
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_an_unpublished_lesson_records_nothing(learner, course):
    lesson = lessons_of(course)[0]
    lesson.unpublish()
    with pytest.raises(services.LessonUnavailable):
        services.lesson_mark_complete(user=learner, lesson=lesson)
    assert not LessonCompletion.objects.exists()


def test_a_lesson_of_an_unpublished_module_records_nothing(learner, course):
    modules_of(course)[0].unpublish()
    with pytest.raises(services.LessonUnavailable):
        services.lesson_mark_complete(user=learner, lesson=lessons_of(course)[0])


def test_a_locked_lesson_records_nothing(learner, locked_course):
    locked = lessons_of(locked_course)[2]
    with pytest.raises(services.LessonLocked):
        services.lesson_mark_complete(user=learner, lesson=locked)
    assert not LessonCompletion.objects.exists()


def test_completing_the_previous_module_unlocks_the_next(learner, locked_course):
    lessons = lessons_of(locked_course)
    for lesson in lessons[:2]:
        services.lesson_mark_complete(user=learner, lesson=lesson)
    services.lesson_mark_complete(user=learner, lesson=lessons[2])
    outline = selectors.course_outline(course=locked_course, user=learner)
    assert outline.completed == 3 and not outline.modules[1].locked


def test_trainers_are_not_held_by_locks(trainer, locked_course):
    services.lesson_mark_complete(user=trainer, lesson=lessons_of(locked_course)[2])


def test_a_completion_survives_edits_and_moves_of_the_lesson(learner, course):
    lesson = lessons_of(course)[0]
    services.lesson_mark_complete(user=learner, lesson=lesson)
    lesson.title = "改过的标题"
    lesson.save_revision().publish()
    lesson.move(modules_of(course)[1], pos="last-child")
    outline = selectors.course_outline(course=course, user=learner)
    assert outline.completed == 1
    assert outline.modules[1].lessons[-1].completed
    assert outline.modules[1].lessons[-1].title == "改过的标题"


def test_undo_takes_a_completion_back(learner, course):
    lesson = lessons_of(course)[0]
    services.lesson_mark_complete(user=learner, lesson=lesson)
    assert services.lesson_mark_incomplete(user=learner, lesson=lesson)
    assert not LessonCompletion.objects.exists()


def test_the_last_visit_is_remembered_per_course(learner, course):
    lessons = lessons_of(course)
    services.lesson_record_visit(user=learner, lesson=lessons[1])
    services.lesson_record_visit(user=learner, lesson=lessons[4])
    outline = selectors.course_outline(course=course, user=learner)
    assert outline.continue_lesson.id == lessons[4].pk
    assert outline.started


def test_the_cohort_table_counts_a_moved_lesson_in_its_new_module(learner, course):
    from courses import selectors
    from tests.courses.factories import make_cohort

    cohort = make_cohort(course=course, learners=[learner])
    lesson = lessons_of(course)[0]
    services.lesson_mark_complete(user=learner, lesson=lesson)
    (table,) = selectors.cohort_tables(cohorts=[cohort])
    assert table.rows[0].module_percents == (33, 0)
    lesson.move(modules_of(course)[1], pos="last-child")
    (table,) = selectors.cohort_tables(cohorts=[cohort])
    assert table.rows[0].module_percents == (0, 25)
    lesson.refresh_from_db()
    lesson.unpublish()
    (table,) = selectors.cohort_tables(cohorts=[cohort])
    assert table.rows[0].module_percents == (0, 0)

import dataclasses

import pytest
from wagtail.models import Locale

from courses import api, services
from tests.courses.factories import lessons_of, make_cohort
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def test_course_choices_are_frozen_refs_of_live_courses(course):
    (ref,) = api.course_choices()
    assert ref == api.CourseRef(id=course.pk, title=course.title, url=course.url)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.title = "x"


def test_cohorts_and_their_learners(course, learner):
    other = LearnerFactory()
    cohort = make_cohort(course=course, learners=[learner, other])
    assert api.cohorts() == [
        api.CohortRef(cohort.pk, cohort.name, course.pk, cohort.start_date, cohort.end_date)
    ]
    assert api.cohorts(course_id=course.pk + 999) == []
    # Ordered by employee ID: E1001 (the learner fixture) before the factory's E5xxx.
    assert api.cohort_learner_ids(cohort_id=cohort.pk) == [learner.pk, other.pk]
    assert api.cohort_learner_ids(cohort_id=999999) == []
    assert api.learner_ids_for_course(course_id=course.pk) == {learner.pk, other.pk}


def test_a_translation_of_the_course_is_the_same_course(course, learner):
    make_cohort(course=course, learners=[learner])
    english = course.copy_for_translation(Locale.objects.get(language_code="en"))
    assert api.learner_ids_for_course(course_id=english.pk) == {learner.pk}
    assert [c.course_id for c in api.cohorts(course_id=english.pk)] == [course.pk]


def test_course_progress(course, learner):
    empty = api.course_progress(user_id=learner.pk, course_id=course.pk)
    assert empty == api.CourseProgress(0, 0, 6, None)
    services.lesson_mark_complete(user=learner, lesson=lessons_of(course)[0])
    progress = api.course_progress(user_id=learner.pk, course_id=course.pk)
    assert (progress.percent, progress.completed_lessons, progress.total_lessons) == (16, 1, 6)
    assert progress.last_activity is not None
    assert api.course_progress(user_id=learner.pk, course_id=999999).total_lessons == 0


def test_people_progress_counts_every_live_course_in_a_fixed_number_of_queries(
    course, learner, django_assert_max_num_queries
):
    # The ``course`` fixture: 2 modules × 3 lessons.
    others = [LearnerFactory() for _ in range(5)]
    lessons = lessons_of(course)
    for lesson in lessons[:3]:
        services.lesson_mark_complete(user=learner, lesson=lesson)
    services.lesson_mark_complete(user=others[0], lesson=lessons[0])
    with django_assert_max_num_queries(8) as one:
        api.people_progress(user_ids=[learner.pk])
    with django_assert_max_num_queries(len(one)):
        found = api.people_progress(user_ids=[learner.pk, *(o.pk for o in others)])
    assert (found[learner.pk].percent, found[learner.pk].completed_lessons) == (50, 3)
    assert found[learner.pk].total_lessons == 6 and found[learner.pk].last_activity
    assert (found[others[0].pk].completed_lessons, found[others[1].pk].percent) == (1, 0)
    assert api.people_progress(user_ids=[]) == {}


def test_course_completion_follows_the_tree_though_its_structure_is_cached(
    course, learner, django_assert_max_num_queries
):
    lessons = lessons_of(course)
    services.lesson_mark_complete(user=learner, lesson=lessons[0])

    def completion():
        found = api.course_completion(user_ids=[learner.pk], course_ids=[course.pk])
        progress = found[(learner.pk, course.pk)]
        return progress.completed_lessons, progress.total_lessons

    assert completion() == (1, 6)
    with django_assert_max_num_queries(1):  # the structure is the same for every reader
        assert completion() == (1, 6)
    lessons[0].unpublish()  # no longer a lesson to do, and its completion no longer counts
    assert completion() == (0, 5)
    services.lesson_mark_complete(user=learner, lesson=lessons[1])
    assert completion() == (1, 5)

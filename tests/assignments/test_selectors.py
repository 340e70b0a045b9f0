"""Whose an assignment is, which assignments a person has, and how far each person is."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from assignments import selectors
from assignments.models import Assignment
from courses.models import LessonCompletion
from tests.assignments.factories import assign
from tests.cases.factories import PracticeCaseFactory
from tests.certificates.factories import issued
from tests.courses.factories import completions, lessons_of, make_cohort, make_course
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory, TrainerFactory, UserFactory
from tests.people.factories import place, unit

pytestmark = pytest.mark.django_db


def lms_roles_add(user, group_name):
    user.groups.add(Group.objects.get(name=group_name))


@pytest.fixture
def course():
    return make_course(modules=1, lessons=2)


def test_the_audience_is_cohort_learners_unit_members_below_and_named_people(course):
    in_cohort, in_station, in_region, named, elsewhere, gone = LearnerFactory.create_batch(6)
    cohort = make_cohort(course=course, learners=[in_cohort])
    place(in_station, "总部/华东/上海")
    place(in_region, "总部/华东")
    place(elsewhere, "总部/华北")
    gone.is_active = False
    gone.save()
    assignment = assign(course, cohorts=[cohort], units=[unit("总部/华东")], people=[named, gone])
    assert selectors.audience([assignment]) == {
        assignment.pk: {in_cohort.pk, in_station.pk, in_region.pk, named.pk}
    }


def test_a_person_has_the_assignments_of_their_cohorts_units_above_them_and_by_name(course):
    learner, other = LearnerFactory.create_batch(2)
    place(learner, "总部/华东/上海")
    place(other, "总部/华北")
    cohort = make_cohort(course=course, learners=[learner])
    by_cohort = assign(course, cohorts=[cohort], due_in=3)
    by_unit = assign(QuizFactory(), units=[unit("总部/华东")], due_in=1)
    by_name = assign(PracticeCaseFactory(), people=[learner], due_in=2)
    assign(QuizFactory(), units=[unit("总部/华北")])
    assign(QuizFactory(), people=[other])
    assert list(selectors.assignments_for(learner)) == [by_unit, by_name, by_cohort]


def test_a_units_managers_and_trainers_are_not_its_audience_unless_they_are_learners(course):
    learner, learning_manager = LearnerFactory.create_batch(2)
    manager, trainer = UserFactory(role="Manager"), TrainerFactory()
    lms_roles_add(learning_manager, "Manager")
    for person in (learner, learning_manager, manager, trainer):
        place(person, "总部/华东")
    assignment = assign(course, units=[unit("总部")])
    assert selectors.audience([assignment]) == {assignment.pk: {learner.pk, learning_manager.pk}}
    assert list(selectors.assignments_for(manager)) == []
    assert list(selectors.assignments_for(trainer)) == []
    assert list(selectors.assignments_for(learning_manager)) == [assignment]


def test_a_person_in_two_of_an_assignments_cohorts_has_it_once(course):
    learner = LearnerFactory()
    first = make_cohort(course=course, learners=[learner], name="一班")
    second = make_cohort(course=course, learners=[learner], name="二班")
    assignment = assign(course, cohorts=[first, second], people=[learner])
    assert list(selectors.assignments_for(learner)) == [assignment]


def test_a_deactivated_person_has_no_assignments(course):
    learner = LearnerFactory(is_active=False)
    assign(course, people=[learner])
    assert list(selectors.assignments_for(learner)) == []


def test_a_course_is_started_then_done_when_every_lesson_is_completed(course):
    fresh, halfway, finished = LearnerFactory.create_batch(3)
    first, second = lessons_of(course)
    LessonCompletion.objects.bulk_create(
        completions([(halfway, first), (finished, first), (finished, second)])
    )
    assignment = assign(course, people=[fresh, halfway, finished])
    found = selectors.statuses(
        selectors.with_targets(Assignment.objects.all()), [fresh.pk, halfway.pk, finished.pk]
    )
    assert found[(assignment.pk, fresh.pk)] == selectors.Progress(selectors.TODO, 0)
    assert found[(assignment.pk, halfway.pk)] == selectors.Progress(selectors.STARTED, 50)
    assert found[(assignment.pk, finished.pk)] == selectors.Progress(selectors.DONE, 100)


def test_a_program_is_done_when_the_person_holds_a_valid_certificate(program):
    holder, other = LearnerFactory.create_batch(2)
    issued(holder, program)
    assignment = assign(program, people=[holder, other])
    found = selectors.statuses([assignment], [holder.pk, other.pk])
    assert found[(assignment.pk, holder.pk)].done
    assert not found[(assignment.pk, other.pk)].done


def test_statuses_read_a_fixed_number_of_queries_for_any_number_of_assignments_and_people(
    django_assert_max_num_queries, course, program
):
    people = LearnerFactory.create_batch(6)
    few = [assign(course, people=people[:1]), assign(QuizFactory(), people=people[:1])]
    many = few + [
        assign(make_course(slug="second", modules=1, lessons=1), people=people),
        assign(QuizFactory(), people=people),
        assign(PracticeCaseFactory(), people=people),
        assign(PracticeCaseFactory(), people=people),
        assign(program, people=people),
    ]
    everyone = [p.pk for p in people]

    def read(assignments, user_ids):
        rows = selectors.with_targets(Assignment.objects.filter(pk__in=[a.pk for a in assignments]))
        return selectors.statuses(rows, user_ids)

    with django_assert_max_num_queries(20) as small:
        read(few[:1], everyone[:1])
    with django_assert_max_num_queries(len(small.captured_queries) + 8):
        found = read(many, everyone)
    assert len(found) == len(many) * len(people)


def test_the_database_refuses_a_due_date_before_the_start(course):
    with pytest.raises(IntegrityError), transaction.atomic():
        assign(course, start_in=2, due_in=1)


def test_the_database_refuses_a_target_of_another_kind(course):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            kind=Assignment.Kind.EXAM, course=course, due_at="2027-01-01T00:00Z"
        )

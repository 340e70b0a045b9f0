"""A person's assignments are kept in the cache (assignments.kept_rows): read once, and read
again the moment anything that decides what they have, or how it is shown, changes."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from assignments.models import DeadlineOverride
from assignments.personal import items_for
from courses.models import LessonCompletion
from lms import roles
from people.models import Placement
from tests.assessment.factories import make_program
from tests.assignments.factories import assign
from tests.cases.factories import PracticeCaseFactory
from tests.courses.factories import completions, lessons_of, make_cohort, make_course
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory, TrainerFactory
from tests.people.factories import place, unit

pytestmark = pytest.mark.django_db


def titles(user) -> list[str]:
    """What ``user``'s to-do list names, as a new request reads it (the person read again)."""
    person = get_user_model().objects.get(pk=user.pk)
    with translation.override("en"):
        return [str(item.title) for item in items_for(person)]


def assignment_queries(user) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        items_for(user)
    return [q["sql"] for q in queries.captured_queries if "assignments_" in q["sql"]]


def test_a_second_look_reads_no_assignment_and_shows_the_same(learner, learner_client):
    assign(QuizFactory(title_en="Safety exam"), people=[learner])
    assert assignment_queries(learner)  # read once…
    assert assignment_queries(learner) == []  # …and then kept
    assert titles(learner) == ["Safety exam"]
    learner_client.cookies["lms_language"] = "en"
    learner_client.get("/dashboard/learner/")
    with CaptureQueriesContext(connection) as queries:
        html = learner_client.get("/dashboard/learner/").content.decode()
    assert "Safety exam" in html
    assert not [q for q in queries.captured_queries if "assignments_" in q["sql"]]


def test_work_assigned_or_taken_away_by_name_shows_at_once(learner):
    assert titles(learner) == []
    exam = assign(QuizFactory(title_en="Safety exam"), people=[learner])
    assert titles(learner) == ["Safety exam"]
    exam.people.remove(learner)
    assert titles(learner) == []
    exam.people.add(learner)
    assert titles(learner) == ["Safety exam"]
    exam.delete()
    assert titles(learner) == []


def test_joining_an_assigned_cohort_or_its_deletion_shows_at_once(learner):
    course = make_course(title="Onboarding course")
    cohort = make_cohort(course=course)
    case = assign(PracticeCaseFactory(title_en="Leaking valve"), cohorts=[cohort])
    assert titles(learner) == []
    cohort.learners.add(learner)
    assert titles(learner) == ["Leaking valve"]
    case.cohorts.remove(cohort)
    assert titles(learner) == []
    case.cohorts.add(cohort)
    assert titles(learner) == ["Leaking valve"]
    cohort.delete()  # its learners and assignments go without m2m_changed
    assert titles(learner) == []


def test_a_unit_assignment_follows_the_learner_as_they_move(learner):
    shanghai, north = unit("总部/华东/上海"), unit("总部/华北")
    assign(QuizFactory(title_en="East exam"), units=[unit("总部/华东")])
    assert titles(learner) == []
    placement = Placement.objects.create(user=learner, unit=shanghai)
    assert titles(learner) == ["East exam"]
    placement.unit = north
    placement.save()
    assert titles(learner) == []
    placement.unit = shanghai
    placement.save()
    assert titles(learner) == ["East exam"]
    placement.delete()
    assert titles(learner) == []


def test_a_unit_moved_under_another_parent_is_read_again(learner):
    shanghai = place(learner, "总部/华东/上海").unit
    assign(QuizFactory(title_en="South exam"), units=[unit("总部/华南")])
    assert titles(learner) == []
    shanghai.parent, shanghai.path = unit("总部/华南"), "总部/华南/上海"
    shanghai.save()
    assert titles(learner) == ["South exam"]


def test_only_learners_are_assigned_through_their_unit(learner):
    place(learner, "总部/华东")
    assign(QuizFactory(title_en="East exam"), units=[unit("总部/华东")])
    assert titles(learner) == ["East exam"]
    learner.groups.remove(Group.objects.get(name=roles.LEARNER))
    assert titles(learner) == []


def test_a_deactivated_person_has_nothing_assigned(learner):
    assign(QuizFactory(title_en="Safety exam"), people=[learner])
    assert titles(learner) == ["Safety exam"]
    learner.is_active = False
    learner.save()
    assert titles(learner) == []


def test_a_sign_in_keeps_the_entry(learner, client):
    assign(QuizFactory(title_en="Safety exam"), people=[learner])
    items_for(learner)
    client.force_login(learner)  # saves last_login only
    assert assignment_queries(learner) == []


def test_a_deadline_override_moves_the_date_at_once_and_back_when_deleted(learner):
    exam = assign(QuizFactory(title_en="Safety exam"), people=[learner], due_in=3)
    (before,) = items_for(learner)
    later = exam.due_at + timedelta(days=7)
    override = DeadlineOverride.objects.create(
        assignment=exam, user=learner, due_at=later, reason="sick leave", granted_by=None
    )
    (moved,) = items_for(learner)
    assert (before.due_at, moved.due_at) == (exam.due_at, later)
    override.delete()
    (back,) = items_for(learner)
    assert back.due_at == exam.due_at


def test_a_renamed_quiz_or_case_shows_its_new_title(learner):
    quiz = QuizFactory(title_en="Safety exam")
    case = PracticeCaseFactory(title_en="Leaking valve")
    assign(quiz, people=[learner], due_in=1)
    assign(case, people=[learner], due_in=2)
    assert titles(learner) == ["Safety exam", "Leaking valve"]
    quiz.title_en = "Safety exam (2027)"
    quiz.save()
    assert titles(learner) == ["Safety exam (2027)", "Leaking valve"]
    case.title_en = "Leaking valve, again"
    case.save()
    assert titles(learner) == ["Safety exam (2027)", "Leaking valve, again"]


def test_a_roster_import_that_moves_someone_shows_their_new_units_work(
    learner, tmp_path, django_capture_on_commit_callbacks
):
    place(learner, "售后服务部/华北大区")
    assign(QuizFactory(title_en="East exam"), units=[unit("售后服务部/华东大区")])
    assert titles(learner) == []
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "employee_id,name,department\n"
        f"{learner.employee_id},{learner.display_name},售后服务部/华东大区/上海站\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_people", str(roster), stdout=io.StringIO())
    assert titles(learner) == ["East exam"]


def test_each_person_has_their_own_entry(learner):
    other = LearnerFactory()
    assign(QuizFactory(title_en="Mine"), people=[learner])
    assign(QuizFactory(title_en="Theirs"), people=[other])
    assert (titles(learner), titles(other)) == (["Mine"], ["Theirs"])
    assert titles(TrainerFactory()) == []


def test_progress_is_read_on_every_look(learner):
    course = make_course(title="Onboarding course", modules=1, lessons=1)
    assign(course, people=[learner])
    (before,) = items_for(learner)
    LessonCompletion.objects.bulk_create(completions([(learner, lessons_of(course)[0])]))
    (after,) = items_for(learner)
    assert (before.state, after.state) == ("todo", "done")
    assert after.due_at > timezone.now()


def test_a_renamed_program_shows_its_new_name(learner):
    program, _version = make_program()
    assign(program, people=[learner])
    assert titles(learner) == [program.name]  # no English name yet: the Chinese one
    program.name_en = "Field service engineer, level 2"
    program.save()
    assert titles(learner) == ["Field service engineer, level 2"]


def test_a_deleted_learner_group_takes_the_unit_assignments_with_it(learner):
    place(learner, "总部/华东")
    assign(QuizFactory(title_en="East exam"), units=[unit("总部/华东")])
    assert titles(learner) == ["East exam"]
    Group.objects.get(name=roles.LEARNER).delete()  # its members go without m2m_changed
    assert titles(learner) == []

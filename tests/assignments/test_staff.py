"""The staff's assignment pages: who may open them, assigning through the form (and what a
refused form says and keeps), the list's completion counts and their query budget, editing and
deleting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.models import Assignment
from courses.models import LessonCompletion
from lms import roles
from tests.assignments.factories import assign
from tests.courses.factories import completions, lessons_of, make_cohort, make_course
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory, TrainerFactory, UserFactory
from tests.people.factories import place, unit

pytestmark = pytest.mark.django_db

LIST = reverse("assignments:staff_list")
NEW = reverse("assignments:staff_new")


def local(when) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def in_english(client):
    client.cookies["lms_language"] = "en"
    return client


@pytest.fixture
def course():
    return make_course(modules=1, lessons=2)


@pytest.fixture
def exam():
    return QuizFactory(title="一级认证考试", title_en="Level 1 certification exam")


@pytest.fixture
def cohort(course):
    return make_cohort(course=course, learners=LearnerFactory.create_batch(3), name="七月班")


def form_data(**changes) -> dict:
    now = timezone.now()
    data = {
        "kind": "exam",
        "start_at": local(now),
        "due_at": local(now + timedelta(days=14)),
        "note": "请在月底前完成",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("role", [roles.LEARNER, roles.MANAGER])
def test_learners_and_managers_cannot_open_the_staff_pages(client, role, exam, cohort):
    client.force_login(UserFactory(role=role))
    assignment = assign(exam, cohorts=[cohort])
    for url in (
        LIST,
        NEW,
        reverse("assignments:staff_detail", args=[assignment.pk]),
        reverse("assignments:staff_edit", args=[assignment.pk]),
        reverse("assignments:staff_delete", args=[assignment.pk]),
        reverse("assignments:staff_export", args=[assignment.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(NEW, form_data(quiz=exam.pk, cohorts=[cohort.pk])).status_code == 404
    assert Assignment.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_trainer_assigns_an_exam_to_a_cohort_and_sees_nobody_done_yet(
    trainer_client, trainer, exam, cohort
):
    data = form_data(quiz=exam.pk, cohorts=[cohort.pk])
    response = trainer_client.post(NEW, data)
    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments:staff_detail", args=[assignment.pk])
    assert assignment.kind == "exam" and assignment.quiz == exam
    assert assignment.created_by == trainer
    assert local(assignment.due_at) == data["due_at"]
    assert list(assignment.cohorts.all()) == [cohort]

    page = in_english(trainer_client).get(LIST).content.decode()
    assert "Level 1 certification exam" in page
    assert "0 / 3 done" in page
    assert "七月班" in page


def test_another_trainer_sees_and_changes_every_assignment(client, trainer, exam, cohort):
    assignment = assign(exam, cohorts=[cohort], by=trainer)
    client.force_login(TrainerFactory())
    assert client.get(LIST).context["rows"][0]["assignment"] == assignment
    data = form_data(quiz=exam.pk, cohorts=[cohort.pk], note="改期")
    response = client.post(reverse("assignments:staff_edit", args=[assignment.pk]), data)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.note == "改期"
    assert assignment.created_by == trainer


def test_an_assessor_may_assign_too(assessor_client, exam, cohort):
    assert assessor_client.get(NEW).status_code == 200
    response = assessor_client.post(NEW, form_data(quiz=exam.pk, cohorts=[cohort.pk]))
    assert response.status_code == 302


def test_a_due_date_before_the_start_is_refused_and_what_was_typed_stays(
    trainer_client, exam, cohort
):
    now = timezone.now()
    data = form_data(
        quiz=exam.pk,
        cohorts=[cohort.pk],
        start_at=local(now + timedelta(days=5)),
        due_at=local(now + timedelta(days=2)),
    )
    response = in_english(trainer_client).post(NEW, data)
    assert response.status_code == 400
    assert response.context["form"].errors["due_at"] == [
        "The due date must be after the start date."
    ]
    page = response.content.decode()
    assert f'value="{data["due_at"]}"' in page
    assert f'value="{data["start_at"]}"' in page
    assert "请在月底前完成" in page
    assert f'<option value="{exam.pk}" selected>' in page
    assert f'<option value="{cohort.pk}" selected translate="no">七月班</option>' in page
    assert not Assignment.objects.exists()


def test_an_assignment_without_anyone_is_refused(trainer_client, exam):
    response = in_english(trainer_client).post(NEW, form_data(quiz=exam.pk))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Choose at least one cohort, unit or person."
    ]
    assert "Choose at least one cohort, unit or person." in response.content.decode()


def test_a_kind_without_its_target_is_refused(trainer_client, exam, cohort):
    # An exam chosen in the quiz list does not make a course assignment.
    data = form_data(kind="course", quiz=exam.pk, cohorts=[cohort.pk])
    response = in_english(trainer_client).post(NEW, data)
    assert response.status_code == 400
    assert response.context["form"].errors["course"] == ["Choose what to assign."]
    assert not Assignment.objects.exists()


def test_drafts_are_not_offered(trainer_client, exam):
    draft = QuizFactory(draft=True, title="草稿测验")
    response = trainer_client.post(NEW, form_data(quiz=draft.pk, people=[LearnerFactory().pk]))
    assert response.status_code == 400
    assert "quiz" in response.context["form"].errors
    choices = [value for value, _label in response.context["form"].fields["quiz"].choices]
    assert exam.pk in [getattr(v, "value", v) for v in choices]


def test_people_are_offered_by_employee_id_with_their_name(trainer_client):
    LearnerFactory(employee_id="E0300", display_name="丙")
    LearnerFactory(employee_id="E0100", display_name="甲")
    page = trainer_client.get(NEW).content.decode()
    assert page.index("E0100 甲") < page.index("E0300 丙")


def test_units_are_offered_by_their_path(trainer_client):
    unit("总部/华东/上海")
    page = trainer_client.get(NEW).content.decode()
    assert "总部/华东/上海" in page


def test_the_list_counts_done_and_overdue_people(trainer_client, course):
    done, late, on_time = LearnerFactory.create_batch(3)
    LessonCompletion.objects.bulk_create(
        completions([(done, lesson) for lesson in lessons_of(course)])
    )
    past = assign(course, people=[done, late], start_in=-10, due_in=-1)
    ahead = assign(course, people=[on_time], due_in=5)
    rows = {r["assignment"].pk: r["completion"] for r in trainer_client.get(LIST).context["rows"]}
    assert (rows[past.pk].done, rows[past.pk].overdue, rows[past.pk].people) == (1, 1, 2)
    assert (rows[ahead.pk].done, rows[ahead.pk].overdue, rows[ahead.pk].people) == (0, 0, 1)
    page = in_english(trainer_client).get(LIST).content.decode()
    assert "1 / 2 done" in page and "1 overdue" in page


def test_the_list_filters_by_kind_and_by_dates(trainer_client, course, exam):
    learner = LearnerFactory()
    upcoming = assign(exam, people=[learner], start_in=2, due_in=9)
    open_now = assign(course, people=[learner], due_in=3)
    past = assign(exam, people=[learner], start_in=-9, due_in=-2)

    def shown(query):
        return [r["assignment"] for r in trainer_client.get(LIST, query).context["rows"]]

    assert shown({"status": "upcoming"}) == [upcoming]
    assert shown({"status": "open"}) == [open_now]
    assert shown({"status": "past_due"}) == [past]
    assert shown({"kind": "exam"}) == [past, upcoming]
    assert shown({"kind": "course", "status": "past_due"}) == []


def test_the_list_reads_a_fixed_number_of_queries(
    trainer_client, django_assert_max_num_queries, course
):
    people = LearnerFactory.create_batch(4)
    place(people[0], "总部/华东/上海")
    cohort = make_cohort(course=course, learners=people[:2])

    def make(n):
        for i in range(n):
            assign(
                QuizFactory() if i % 2 else course,
                cohorts=[cohort],
                units=[unit("总部/华东")],
                people=people[2:],
            )

    make(2)
    with django_assert_max_num_queries(60) as few:
        trainer_client.get(LIST)
    make(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = trainer_client.get(LIST)
    assert len(response.context["rows"]) == 10


def test_deleting_asks_first_then_removes_the_assignment(trainer_client, exam, cohort):
    assignment = assign(exam, cohorts=[cohort])
    url = reverse("assignments:staff_delete", args=[assignment.pk])
    page = in_english(trainer_client).get(url).content.decode()
    assert "3 people" in page
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    response = trainer_client.post(url)
    assert response["Location"] == LIST
    assert not Assignment.objects.filter(pk=assignment.pk).exists()


def test_an_unknown_assignment_is_a_404(trainer_client):
    assert trainer_client.get(reverse("assignments:staff_detail", args=[999])).status_code == 404
    assert trainer_client.get(reverse("assignments:staff_edit", args=[999])).status_code == 404

"""Completion against due dates where staff already look (the cohort page, a manager's team
page, the trainer dashboard), and a practice case's deadline on the case page and in the grading
queue; the apps below reach them through hooks (decision 0803)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assignments.models import DeadlineOverride
from cases.models import CaseSubmission
from courses.models import LessonCompletion
from lms import roles
from tests.assignments.factories import assign
from tests.cases.factories import PracticeCaseFactory, submitted_report
from tests.courses.factories import completions, lessons_of, make_cohort, make_course
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory, UserFactory
from tests.people.factories import place, unit

pytestmark = pytest.mark.django_db


def english_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["lms_language"] = "en"
    return client


def extend(assignment, user, *, days):
    due = timezone.now() + timedelta(days=days)
    DeadlineOverride.objects.create(assignment=assignment, user=user, due_at=due, reason="出差")


@pytest.fixture
def course():
    return make_course(modules=1, lessons=2)


def test_the_cohort_page_shows_the_cohorts_assignments_with_done_and_overdue(trainer, course):
    done, late, other = LearnerFactory.create_batch(3)
    cohort = make_cohort(course=course, learners=[done, late], trainers=[trainer])
    LessonCompletion.objects.bulk_create(completions([(done, x) for x in lessons_of(course)]))
    assign(course, cohorts=[cohort], people=[other], start_in=-9, due_in=-1)
    assign(QuizFactory(title_en="Spare exam"), people=[other])  # not the cohort's

    page = english_client(trainer).get(reverse("courses:cohort_progress", args=[cohort.pk]))
    html = page.content.decode()
    assert 'data-testid="cohort-assignments"' in html
    assert "1 / 2 done" in html and "1 overdue" in html  # the named outsider is not counted
    assert "Spare exam" not in html


def test_the_cohort_page_says_when_nothing_is_assigned(trainer, course):
    cohort = make_cohort(course=course, learners=[LearnerFactory()], trainers=[trainer])
    html = english_client(trainer).get(reverse("courses:cohort_progress", args=[cohort.pk]))
    assert "Nothing is assigned to this cohort." in html.content.decode()


def test_a_managers_team_page_shows_their_peoples_assignments(course):
    manager = UserFactory(role=roles.MANAGER)
    mine, also_mine, elsewhere = LearnerFactory.create_batch(3)
    unit("总部/华东/上海", manager=manager)
    place(mine, "总部/华东/上海")
    place(also_mine, "总部/华东/上海")
    place(elsewhere, "总部/华北")
    assign(QuizFactory(title_en="Region exam"), units=[unit("总部")], start_in=-9, due_in=-2)
    assign(QuizFactory(title_en="North only"), units=[unit("总部/华北")])
    assign(QuizFactory(title_en="Long past"), units=[unit("总部")], start_in=-200, due_in=-100)

    page = english_client(manager).get(reverse("certificates:team")).content.decode()
    html = page.split('data-testid="team-assignments"')[1].split("</section>")[0]
    assert "Region exam" in html
    assert "0 / 2 done" in html and "2 overdue" in html  # only the manager's people count
    assert "North only" not in html and "Long past" not in html
    assert reverse("assignments:staff_list") not in html  # a manager cannot open staff pages


def test_the_trainer_dashboard_and_menu_lead_to_the_assignments(trainer, learner, course):
    assign(course, people=[learner], due_in=3)
    html = english_client(trainer).get("/dashboard/trainer/").content.decode()
    assert 'data-testid="panel-assignments"' in html
    assert "0 / 1 done" in html
    assert f'href="{reverse("assignments:staff_list")}"' in html
    learner_page = english_client(learner).get("/dashboard/learner/").content.decode()
    assert reverse("assignments:staff_list") not in learner_page


# --- A practice case's deadline -------------------------------------------------------------


def test_the_case_page_shows_the_learners_own_due_date(learner):
    case = PracticeCaseFactory()
    assignment = assign(case, people=[learner], due_in=10)
    page = english_client(learner).get(reverse("cases:case_detail", args=[case.slug]))
    html = page.content.decode()
    assert 'data-testid="case-deadline"' in html
    assert "Due " in html
    due = timezone.localtime(assignment.due_at)
    assert due.strftime("%H:%M") in html


def test_the_case_page_says_overdue_since_when_nothing_is_handed_in(learner):
    case = PracticeCaseFactory()
    assign(case, people=[learner], start_in=-9, due_in=-1)
    html = english_client(learner).get(reverse("cases:case_detail", args=[case.slug]))
    assert "Overdue since" in html.content.decode()


def test_the_case_page_uses_a_personal_override(learner):
    case = PracticeCaseFactory()
    assignment = assign(case, people=[learner], start_in=-9, due_in=-1)
    DeadlineOverride.objects.create(
        assignment=assignment,
        user=learner,
        due_at=timezone.now() + timedelta(days=4),
        reason="病假",
    )
    html = english_client(learner).get(reverse("cases:case_detail", args=[case.slug]))
    assert "Overdue since" not in html.content.decode()
    assert 'data-testid="case-deadline"' in html.content.decode()


def test_a_case_without_an_assignment_shows_no_deadline(learner):
    case = PracticeCaseFactory()
    assign(case, people=[LearnerFactory()], due_in=3)
    html = english_client(learner).get(reverse("cases:case_detail", args=[case.slug]))
    assert 'data-testid="case-deadline"' not in html.content.decode()


def test_the_grading_queue_marks_reports_handed_in_after_the_persons_due_date(trainer):
    case = PracticeCaseFactory()
    late, on_time, excused, unassigned = LearnerFactory.create_batch(4)
    assignment = assign(case, people=[late, on_time, excused], start_in=-9, due_in=-1)
    DeadlineOverride.objects.create(
        assignment=assignment,
        user=excused,
        due_at=timezone.now() + timedelta(days=4),
        reason="出差",
    )
    reports = {who: submitted_report(case, who) for who in (late, on_time, excused, unassigned)}
    CaseSubmission.objects.filter(pk=reports[on_time].pk).update(
        submitted_at=timezone.now() - timedelta(days=3)
    )

    response = english_client(trainer).get(reverse("cases:grading_queue"))
    assert response.context["late"] == {reports[late].pk}
    assert response.content.decode().count('data-testid="late"') == 1

"""A trainer assigns an exam to a cohort with a due date through the form and sees it in the
list with nobody done yet; a learner of that cohort signs in and finds the exam on their
dashboard's to-do list, with its due date, and on their calendar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assignments.models import Assignment
from tests.courses.factories import make_cohort, make_course
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOO_WIDE = "() => document.documentElement.scrollWidth > window.innerWidth"


@pytest.fixture
def exam():
    return QuizFactory(title="售后工程师一级认证考试", title_en="Level 1 certification exam")


@pytest.fixture
def cohort(learner):
    learners = [learner, *LearnerFactory.create_batch(2)]
    return make_cohort(course=make_course(modules=1, lessons=1), learners=learners, name="七月班")


def assign_exam_to_cohort(page, live_server, *, exam, cohort, due) -> Assignment:
    """Through the menu and the form, as a trainer; back on the list afterwards."""
    page.get_by_role("link", name="任务").or_(
        page.get_by_role("link", name="Assignments")
    ).first.click()
    page.get_by_test_id("assign").click()
    page.locator("#id_kind").select_option("exam")
    expect(page.locator("#id_course")).to_be_hidden()  # only the chosen kind's list shows
    page.locator("#id_quiz").select_option(str(exam.pk))
    page.locator("#id_cohorts").select_option(str(cohort.pk))
    page.locator("#id_due_at").fill(timezone.localtime(due).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_test_id("save-assignment").click()
    assignment = Assignment.objects.get(quiz=exam)
    expect(page).to_have_url(f"{live_server.url}/assignments/manage/{assignment.pk}/")
    page.goto(f"{live_server.url}/assignments/manage/")
    return assignment


def test_a_trainer_assigns_an_exam_to_a_cohort_and_a_learner_sees_it_due(
    live_server, login, trainer, learner, exam, cohort
):
    page = login(trainer)
    due = timezone.now() + timedelta(days=10)
    assignment = assign_exam_to_cohort(page, live_server, exam=exam, cohort=cohort, due=due)

    assert list(assignment.cohorts.all()) == [cohort]
    assert abs(assignment.due_at - due) < timedelta(minutes=1)
    row = page.get_by_test_id("assignment-row").filter(has_text="售后工程师一级认证考试")
    expect(row).to_contain_text("七月班")
    expect(row).to_contain_text(timezone.localtime(due).strftime("%Y-%m-%d %H:%M"))
    expect(row.get_by_test_id("completion")).to_contain_text("0 / 3")

    # The learner's half: the exam leads their to-do list, due in 10 days, and links to it.
    page.context.clear_cookies()
    page = login(learner)
    item = page.get_by_test_id("panel-todo").get_by_test_id("todo-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("售后工程师一级认证考试")
    expect(item.locator("time")).to_have_attribute(
        "datetime", timezone.localtime(assignment.due_at).isoformat()
    )
    expect(item.get_by_role("link")).to_have_attribute("href", f"/quizzes/{exam.slug}/")
    page.goto(f"{live_server.url}/assignments/calendar/?month={timezone.localtime(due):%Y-%m}")
    expect(page.locator("main")).to_contain_text("售后工程师一级认证考试")


@pytest.mark.parametrize("width", [390, 1366])
def test_a_refused_form_keeps_what_was_typed_and_fits_the_screen(
    live_server, login, trainer, exam, cohort, width
):
    page = login(trainer)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/assignments/manage/new/")
    page.locator("#id_kind").select_option("exam")
    page.locator("#id_quiz").select_option(str(exam.pk))
    page.locator("#id_start_at").fill("2027-03-10T09:00")
    page.locator("#id_due_at").fill("2027-03-01T18:00")
    page.get_by_test_id("save-assignment").click()

    expect(page.get_by_test_id("form-errors")).to_be_visible()  # nobody chosen
    expect(page.locator(".field-error #id_due_at")).to_have_value("2027-03-01T18:00")
    expect(page.locator("#id_quiz")).to_have_value(str(exam.pk))
    assert not Assignment.objects.exists()
    assert not page.evaluate(TOO_WIDE)

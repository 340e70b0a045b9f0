"""Deadline overrides: other dates for a person or a unit of an assignment's audience, with
who granted them and why; ``selectors.dates`` applies them and the detail page shows them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments import selectors
from assignments.models import DeadlineOverride
from tests.assignments.factories import assign
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory, TrainerFactory
from tests.people.factories import place, unit

pytestmark = pytest.mark.django_db


def local(when) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def in_english(client):
    client.cookies["lms_language"] = "en"
    return client


@pytest.fixture
def exam():
    return QuizFactory(title="一级认证考试", title_en="Level 1 certification exam")


def grant(assignment, *, user=None, unit=None, due_in=None, start_in=None, reason="出差", by=None):
    now = timezone.now()
    return DeadlineOverride.objects.create(
        assignment=assignment,
        user=user,
        unit=unit,
        due_at=None if due_in is None else now + timedelta(days=due_in),
        start_at=None if start_in is None else now + timedelta(days=start_in),
        reason=reason,
        granted_by=by,
    )


def test_dates_are_the_assignments_without_an_override(exam):
    learner = LearnerFactory()
    assignment = assign(exam, people=[learner])
    found = selectors.dates([assignment], [learner.pk])[(assignment.pk, learner.pk)]
    assert (found.start_at, found.due_at, found.override) == (
        assignment.start_at,
        assignment.due_at,
        None,
    )


def test_a_personal_override_wins_over_a_unit_override_and_keeps_the_dates_it_leaves(exam):
    away, stationed, elsewhere = LearnerFactory.create_batch(3)
    for person in (away, stationed):
        place(person, "总部/华东/上海")
    place(elsewhere, "总部/华北")
    assignment = assign(exam, units=[unit("总部")], due_in=7)
    region = grant(assignment, unit=unit("总部/华东"), due_in=10, start_in=1)
    station = grant(assignment, unit=unit("总部/华东/上海"), due_in=12)
    personal = grant(assignment, user=away, due_in=20)

    found = selectors.dates([assignment], [away.pk, stationed.pk, elsewhere.pk])
    assert found[(assignment.pk, away.pk)].due_at == personal.due_at
    assert found[(assignment.pk, away.pk)].override == personal
    # The station's override is nearer the person than the region's.
    assert found[(assignment.pk, stationed.pk)].due_at == station.due_at
    assert found[(assignment.pk, stationed.pk)].start_at == assignment.start_at
    assert found[(assignment.pk, elsewhere.pk)].due_at == assignment.due_at
    assert region.due_at != station.due_at


def test_a_personal_override_of_the_start_only_keeps_the_units_due_date(exam):
    learner = LearnerFactory()
    place(learner, "总部/华东")
    assignment = assign(exam, units=[unit("总部")], due_in=7)
    region = grant(assignment, unit=unit("总部/华东"), due_in=10)
    grant(assignment, user=learner, start_in=2)
    found = selectors.dates([assignment], [learner.pk])[(assignment.pk, learner.pk)]
    assert found.due_at == region.due_at
    assert found.start_at > assignment.start_at


def test_dates_read_a_fixed_number_of_queries(exam, django_assert_num_queries):
    people = LearnerFactory.create_batch(6)
    for person in people:
        place(person, "总部/华东/上海")
    few = [assign(exam, units=[unit("总部")])]
    many = few + [assign(QuizFactory(), units=[unit("总部")]) for _ in range(5)]
    for assignment in many:
        grant(assignment, unit=unit("总部/华东"), due_in=9)
        grant(assignment, user=people[0], due_in=11)
    with django_assert_num_queries(4):
        selectors.dates(few, [people[0].pk])
    with django_assert_num_queries(4):
        found = selectors.dates(many, [p.pk for p in people])
    assert len(found) == 36


def override_url(assignment):
    return reverse("assignments:override_add", args=[assignment.pk])


def test_staff_grant_an_override_for_a_person_of_the_audience(trainer_client, trainer, exam):
    learner = LearnerFactory()
    assignment = assign(exam, people=[learner])
    due = local(timezone.now() + timedelta(days=30))
    response = trainer_client.post(
        override_url(assignment), {"user": learner.pk, "due_at": due, "reason": "出差"}
    )
    assert response.status_code == 302
    override = DeadlineOverride.objects.get()
    assert (override.user, override.reason, override.granted_by) == (learner, "出差", trainer)
    assert local(override.due_at) == due


def test_the_person_list_offers_the_assignments_people_only(trainer_client, exam):
    learner = LearnerFactory(employee_id="E7001")
    LearnerFactory(employee_id="E7002")
    assignment = assign(exam, people=[learner])
    page = trainer_client.get(reverse("assignments:staff_detail", kwargs={"pk": assignment.pk}))
    html = page.content.decode()
    assert f'<option value="{learner.pk}"' in html
    assert "E7001" in html and "E7002" not in html


def test_an_override_for_someone_outside_the_audience_is_refused_by_name(trainer_client, exam):
    learner = LearnerFactory()
    outsider = LearnerFactory(employee_id="E9999", display_name="赵六")
    assignment = assign(exam, people=[learner])
    due = local(timezone.now() + timedelta(days=30))
    response = in_english(trainer_client).post(
        override_url(assignment), {"user": outsider.pk, "due_at": due, "reason": "出差"}
    )
    assert response.status_code == 400
    assert response.context["override_form"].errors["user"] == [
        "E9999 赵六 is not among this assignment's people."
    ]
    page = response.content.decode()
    assert f'value="{due}"' in page and "出差" in page
    assert not DeadlineOverride.objects.exists()


def test_a_unit_override_must_be_within_the_audiences_units(trainer_client, exam):
    learner = LearnerFactory()
    place(learner, "总部/华东/上海")
    assignment = assign(exam, units=[unit("总部/华东")])
    due = local(timezone.now() + timedelta(days=30))
    inside = {"unit": unit("总部/华东/上海").pk, "due_at": due, "reason": "设备检修"}
    assert trainer_client.post(override_url(assignment), inside).status_code == 302
    outside = {"unit": unit("总部/华北").pk, "due_at": due, "reason": "设备检修"}
    response = in_english(trainer_client).post(override_url(assignment), outside)
    assert response.status_code == 400
    assert response.context["override_form"].errors["unit"] == [
        "总部/华北 is not among this assignment's units."
    ]
    assert DeadlineOverride.objects.count() == 1


def test_an_override_needs_a_reason_a_date_and_a_due_date_after_the_start(trainer_client, exam):
    learner = LearnerFactory()
    assignment = assign(exam, people=[learner], due_in=7)
    url = override_url(assignment)
    client = in_english(trainer_client)
    errors = (
        client.post(url, {"user": learner.pk, "reason": "出差"}).context["override_form"].errors
    )
    assert errors["due_at"] == ["Give another start or due date."]
    no_reason = {"user": learner.pk, "due_at": local(timezone.now() + timedelta(days=9))}
    assert "reason" in client.post(url, no_reason).context["override_form"].errors
    early = {
        "user": learner.pk,
        "start_at": local(timezone.now() + timedelta(days=8)),  # after the assignment's due date
        "reason": "出差",
    }
    errors = client.post(url, early).context["override_form"].errors
    assert errors["due_at"] == ["The due date must be after the start date."]
    both = {"user": learner.pk, "unit": unit("总部").pk, "due_at": early["start_at"], "reason": "x"}
    form = client.post(url, both).context["override_form"]
    assert form.non_field_errors() == ["Choose a person or a unit, not both."]
    assert not DeadlineOverride.objects.exists()


def test_a_second_override_for_the_same_person_is_refused_clearly(trainer_client, exam):
    learner = LearnerFactory()
    assignment = assign(exam, people=[learner])
    grant(assignment, user=learner, due_in=9)
    data = {
        "user": learner.pk,
        "due_at": local(timezone.now() + timedelta(days=20)),
        "reason": "再延",
    }
    response = in_english(trainer_client).post(override_url(assignment), data)
    assert response.status_code == 400
    assert response.context["override_form"].errors["user"] == [
        "This person already has an override: remove it to give another."
    ]


def test_the_detail_page_shows_each_persons_own_due_date_with_the_override(trainer_client, exam):
    granter = TrainerFactory(display_name="王老师")
    away = LearnerFactory(employee_id="E0001", display_name="张三")
    home = LearnerFactory(employee_id="E0002", display_name="李四")
    assignment = assign(exam, people=[away, home], start_in=-10, due_in=-1)
    override = grant(assignment, user=away, due_in=5, reason="出差", by=granter)

    response = in_english(trainer_client).get(
        reverse("assignments:staff_detail", args=[assignment.pk])
    )
    rows = {row.user_id: row for row in response.context["page"].object_list}
    assert rows[away.pk].dates.due_at == override.due_at
    assert not rows[away.pk].overdue
    assert rows[home.pk].dates.due_at == assignment.due_at
    assert rows[home.pk].overdue
    page = response.content.decode()
    assert timezone.localtime(override.due_at).strftime("%Y-%m-%d %H:%M") in page
    assert "override by" in page and "王老师: 出差" in page
    assert "0 / 2 done" in page and "1 overdue" in page


def test_staff_remove_an_override(trainer_client, exam):
    learner = LearnerFactory()
    assignment = assign(exam, people=[learner])
    override = grant(assignment, user=learner, due_in=9)
    url = reverse("assignments:override_remove", args=[assignment.pk, override.pk])
    assert trainer_client.get(url).status_code == 302  # a GET only goes back to the page
    assert DeadlineOverride.objects.exists()
    assert trainer_client.post(url).status_code == 302
    assert not DeadlineOverride.objects.exists()


def test_the_detail_page_filters_by_unit_and_by_cohort(trainer_client, exam):
    from tests.courses.factories import make_cohort, make_course  # noqa: PLC0415

    east, north, in_cohort = LearnerFactory.create_batch(3)
    place(east, "总部/华东/上海")
    place(north, "总部/华北")
    cohort = make_cohort(course=make_course(modules=1, lessons=1), learners=[in_cohort])
    assignment = assign(exam, units=[unit("总部")], cohorts=[cohort])
    url = reverse("assignments:staff_detail", args=[assignment.pk])

    def shown(query):
        return {r.user_id for r in trainer_client.get(url, query).context["page"].object_list}

    assert shown({}) == {east.pk, north.pk, in_cohort.pk}
    assert shown({"unit": unit("总部/华东").pk}) == {east.pk}
    assert shown({"cohort": cohort.pk}) == {in_cohort.pk}
    export = trainer_client.get(
        reverse("assignments:staff_export", args=[assignment.pk]), {"unit": unit("总部/华北").pk}
    )
    assert export["Content-Type"].startswith("text/csv")
    assert north.employee_id in export.content.decode("utf-8-sig")
    assert east.employee_id not in export.content.decode("utf-8-sig")
    wrong = trainer_client.get(url, {"unit": 99999})
    assert "unit" in wrong.context["form"].errors  # said on the page, everyone still listed
    export_url = reverse("assignments:staff_export", args=[assignment.pk])
    assert trainer_client.get(export_url, {"unit": 99999}).status_code == 404


def test_the_detail_page_reads_a_fixed_number_of_queries(
    trainer_client, exam, django_assert_max_num_queries
):
    assignment = assign(exam, units=[unit("总部")])
    url = reverse("assignments:staff_detail", args=[assignment.pk])
    first = LearnerFactory()
    place(first, "总部/华东")
    grant(assignment, user=first, due_in=9)
    with django_assert_max_num_queries(80) as few:
        trainer_client.get(url)
    for person in LearnerFactory.create_batch(12):
        place(person, "总部/华北")
        grant(assignment, user=person, due_in=9)
    grant(assignment, unit=unit("总部/华北"), due_in=12)
    with django_assert_max_num_queries(len(few.captured_queries) + 3):  # the unit override
        response = trainer_client.get(url)
    assert len(response.context["page"].object_list) == 13

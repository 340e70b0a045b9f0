"""The demo's assignments: the first learner has something done, something due soon and
something overdue; one deadline override with its reason; loading again adds nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from assignments import demo, selectors
from assignments.models import Assignment, DeadlineOverride

pytestmark = pytest.mark.django_db

DUE_SOON = timedelta(days=3)


@pytest.fixture
def loaded(db):
    call_command("load_demo_data", "--force", stdout=io.StringIO())


def states_of(username: str) -> dict[str, list[Assignment]]:
    user = get_user_model().objects.get(username=username)
    mine = list(selectors.assignments_for(user))
    progress = selectors.statuses(mine, [user.pk])
    when = selectors.dates(mine, [user.pk])
    now = timezone.now()
    found: dict[str, list[Assignment]] = {"done": [], "due soon": [], "overdue": [], "later": []}
    for a in mine:
        due = when[(a.pk, user.pk)].due_at
        if progress[(a.pk, user.pk)].done:
            found["done"].append(a)
        elif due <= now:
            found["overdue"].append(a)
        elif due - now <= DUE_SOON:
            found["due soon"].append(a)
        else:
            found["later"].append(a)
    return found


def test_the_demo_learner_has_work_done_due_soon_and_overdue(loaded):
    kinds = {Assignment.objects.filter(kind=kind).exists() for kind in ("course", "exam", "case")}
    assert kinds == {True}
    found = states_of("learner")
    assert found["done"], found
    assert found["due soon"], found
    assert found["overdue"], found
    assert len(selectors.assignments_for(get_user_model().objects.get(username="learner"))) == 4


def test_the_demo_override_gives_one_learner_more_time_with_a_reason(loaded):
    override = DeadlineOverride.objects.select_related("user", "granted_by").get()
    assert override.user.username == demo.OVERRIDE_FOR
    assert override.reason == demo.OVERRIDE_REASON
    assert override.granted_by.username == "trainer"
    assert override.due_at > timezone.now()
    found = states_of(demo.OVERRIDE_FOR)
    assert override.assignment not in found["overdue"]
    assert override.assignment in found["due soon"] + found["later"] + found["done"]
    others = states_of("learner")  # the same knowledge check, without an override
    assert override.assignment in others["overdue"]


def test_some_cohort_learners_have_finished_the_course(loaded):
    course = Assignment.objects.get(kind="course")
    people = selectors.audience([course])[course.pk]
    done = [p for p, s in selectors.statuses([course], people).items() if s.done]
    assert 0 < len(done) < len(people)


def test_loading_the_demo_again_adds_nothing(loaded):
    before = list(Assignment.objects.values_list("pk", "due_at"))
    out = io.StringIO()
    demo.load(password=None, stdout=out)
    assert list(Assignment.objects.values_list("pk", "due_at")) == before
    assert "0 created" in out.getvalue()
    assert DeadlineOverride.objects.count() == 1

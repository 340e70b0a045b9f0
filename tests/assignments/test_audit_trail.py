"""A deadline override granted with its reason is in the audit trail (decision 1000); the
service refuses one without a reason and saves nothing, the form keeps what was typed."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from assignments.models import DeadlineOverride
from assignments.services import override_grant
from audit.api import ReasonRequired
from audit.models import Entry
from tests.assignments.factories import assign
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment():
    return assign(QuizFactory(title="一级认证考试"), people=[LearnerFactory(employee_id="E3001")])


def test_the_service_refuses_an_override_without_a_reason(assignment, trainer):
    learner = get_user_model().objects.get(employee_id="E3001")
    due = timezone.now() + timedelta(days=30)
    with pytest.raises(ReasonRequired):
        override_grant(
            override=DeadlineOverride(assignment=assignment, user=learner, due_at=due), by=trainer
        )
    assert not DeadlineOverride.objects.exists()
    assert not Entry.objects.filter(action="assignments.deadline_overridden").exists()


def test_an_override_granted_on_the_page_is_recorded_with_its_reason(
    assignment, trainer_client, trainer
):
    learner = get_user_model().objects.get(employee_id="E3001")
    url = reverse("assignments:override_add", kwargs={"pk": assignment.pk})
    due = timezone.localtime(timezone.now() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    refused = trainer_client.post(url, {"user": learner.pk, "due_at": due, "reason": ""})
    assert refused.status_code == 400 and "reason" in refused.context["override_form"].errors
    trainer_client.post(url, {"user": learner.pk, "due_at": due, "reason": "出差"})
    override = DeadlineOverride.objects.get()
    entry = Entry.objects.get(action="assignments.deadline_overridden")
    assert (entry.actor, entry.subject, entry.reason) == (trainer, learner, "出差")
    assert entry.object_id == str(assignment.pk) and entry.after["override"] == override.pk

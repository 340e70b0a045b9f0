"""The approval side of the course review workflow, through the CMS's own workflow action view.

A trainer's change waits for review; a lead trainer or an administrator approves it (and it is
published) or asks for changes; a trainer who is not a lead cannot approve their own change.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from courses import setup
from tests.courses.factories import lessons_of
from tests.factories import AdministratorFactory, TrainerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_lesson(course, trainer):
    """A lesson whose new title a trainer saved as a draft and submitted for review."""
    lesson = lessons_of(course)[0]
    lesson.title = "课时一（修订版）"
    lesson.save_revision(user=trainer)
    lesson.get_workflow().start(lesson, trainer)
    lesson.refresh_from_db()
    return lesson


def action_url(lesson, action):
    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    task_state = state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(lesson.pk, action, task_state.pk))


def test_a_lead_trainer_approves_and_the_change_is_published(
    client, learner_client, submitted_lesson
):
    lead = TrainerFactory()
    lead.groups.add(Group.objects.get(name=setup.LEAD_TRAINER))
    client.force_login(lead)
    # The edit page offers the reviewer the workflow's actions.
    edit = client.get(f"/cms/pages/{submitted_lesson.pk}/edit/").content.decode()
    assert 'data-workflow-action-name="approve"' in edit

    response = client.post(action_url(submitted_lesson, "approve"))
    assert response.status_code == 302

    submitted_lesson.refresh_from_db()
    assert submitted_lesson.live and submitted_lesson.title == "课时一（修订版）"
    assert WorkflowState.objects.get(object_id=str(submitted_lesson.pk)).status == (
        WorkflowState.STATUS_APPROVED
    )
    assert "课时一（修订版）" in learner_client.get(submitted_lesson.url).content.decode()


def test_a_trainer_who_is_not_a_lead_cannot_approve(client, trainer, submitted_lesson):
    client.force_login(trainer)
    edit = client.get(f"/cms/pages/{submitted_lesson.pk}/edit/").content.decode()
    assert 'data-workflow-action-name="approve"' not in edit
    response = client.post(action_url(submitted_lesson, "approve"), follow=True)
    # Wagtail's admin answers a denied action by sending the user home with a message.
    assert response.redirect_chain[-1][0] == "/cms/"
    assert "permission" in str(list(response.context["messages"])[0]).lower() or (
        "权限" in str(list(response.context["messages"])[0])
    )
    submitted_lesson.refresh_from_db()
    assert submitted_lesson.title == "课时1.1"
    assert WorkflowState.objects.get(object_id=str(submitted_lesson.pk)).status == (
        WorkflowState.STATUS_IN_PROGRESS
    )


def test_an_administrator_asks_for_changes_and_nothing_is_published(client, submitted_lesson):
    client.force_login(AdministratorFactory())
    response = client.post(
        action_url(submitted_lesson, "reject"), {"comment": "请补充报警代码的排查步骤。"}
    )
    assert response.status_code == 302
    submitted_lesson.refresh_from_db()
    assert submitted_lesson.title == "课时1.1"
    state = WorkflowState.objects.get(object_id=str(submitted_lesson.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "请补充报警代码的排查步骤。"

"""The demo: every demo learner's inbox holds their real demo events, and the demo robot posts
to the local sink."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from notifications.demo import DEMO_ROBOT
from notifications.models import Robot

pytestmark = pytest.mark.django_db


def test_every_demo_learner_finds_their_demo_events_in_the_inbox(
    django_capture_on_commit_callbacks, client
):
    # The demo's services tell people after their commits, as they do on the site.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", "--force", stdout=io.StringIO())
    learners = get_user_model().objects.filter(username__regex=r"^learner\d*$")
    assert learners.count() == 12
    for learner in learners:
        events = set(learner.notifications.values_list("event", flat=True))
        assert events & {"exam_graded", "case_graded", "case_returned"}, learner.username
    robot = Robot.objects.get(name=DEMO_ROBOT)
    assert robot.webhook_url == "http://127.0.0.1:8025/wecom" and robot.active
    client.force_login(learners.get(username="learner"))
    with translation.override("en"):
        html = client.get("/inbox/").content.decode()
    assert (
        html.count('data-testid="notification"')
        == learners.get(username="learner").notifications.count()
    )

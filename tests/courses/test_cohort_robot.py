"""A cohort names its group robot: its learners' group messages go there too."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from courses.models import Cohort
from notifications.api import notify
from notifications.models import Delivery
from tests.assignments.factories import assign
from tests.courses.factories import make_cohort
from tests.factories import LearnerFactory
from tests.notifications.conftest import PING, make_robot, ping_event, place, sink  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_cohort_learner_is_heard_in_the_cohorts_group_and_the_units(course, sink):  # noqa: F811
    learner, outsider = LearnerFactory.create_batch(2)
    cohort = make_cohort(course=course, learners=[learner])
    cohort.robot = make_robot(sink, "/cohort")
    cohort.save()
    place(learner, make_robot(sink, "/unit"))
    place(outsider, None, "技术支持部/华北大区")
    for person in (learner, outsider):
        notify(recipient=person, event=PING, item="ping:1", title="测试", url="/")
    assert {d.target for d in Delivery.objects.filter(channel="robot")} == {
        "wecom /cohort",
        "wecom /unit",
    }
    assert sorted(r.path for r in sink.received) == ["/cohort", "/unit"]
    assert all(learner.get_full_name() in r.body["markdown"]["content"] for r in sink.received)
    assert not Delivery.objects.filter(notification__recipient=outsider, channel="robot").exists()


def test_two_cohorts_with_one_robot_post_once(course, sink):  # noqa: F811
    learner = LearnerFactory()
    robot = make_robot(sink, "/ok")
    for name in ("一班", "二班"):
        cohort = make_cohort(course=course, learners=[learner], name=name)
        cohort.robot = robot
        cohort.save()
    notify(recipient=learner, event=PING, item="ping:2", title="测试", url="/")
    assert len(sink.on("/ok")) == 1


def test_the_cohort_form_names_its_robot(client, trainer, learner, course, sink):  # noqa: F811
    robot = make_robot(sink, "/ok")
    client.force_login(trainer)
    assert 'name="robot"' in client.get("/cms/snippets/courses/cohort/add/").content.decode()
    response = client.post(
        "/cms/snippets/courses/cohort/add/",
        {
            "name": "2026年8月入职班",
            "course": course.pk,
            "start_date": "2026-08-01",
            "trainers": [trainer.pk],
            "learners": [learner.pk],
            "robot": robot.pk,
        },
    )
    assert response.status_code == 302
    assert Cohort.objects.get().robot == robot


def test_send_reminders_reaches_the_cohorts_group(course, sink):  # noqa: F811
    learner = LearnerFactory()
    cohort = make_cohort(course=course, learners=[learner])
    cohort.robot = make_robot(sink, "/ok")
    cohort.save()
    assign(course, cohorts=[cohort], due_in=5)
    call_command("send_reminders", "--now", timezone.now().isoformat())
    assert len(sink.on("/ok")) == 1

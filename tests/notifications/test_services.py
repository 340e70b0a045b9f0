"""The notification service: once per person, item and stage; each channel on its own; failures
recorded, retried with back-off and never in the way of the inbox or the email."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications import bulk, services
from notifications.models import Channel, Delivery, Notification, Preference, Robot
from tests.factories import LearnerFactory
from tests.notifications.conftest import PING, make_robot, place

pytestmark = pytest.mark.django_db


def ping(user, item="thing:1", stage=""):
    return services.notify(
        recipient=user, event=PING, item=item, stage=stage, title="东西", url="/x/"
    )


def test_sending_twice_sends_once(learner, sink):
    place(learner, make_robot(sink, "/ok"))
    assert ping(learner) is True
    assert ping(learner) is False
    assert Notification.objects.filter(recipient=learner).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [learner.email]
    assert len(sink.on("/ok")) == 1
    assert set(Delivery.objects.values_list("channel", "status")) == {
        (Channel.EMAIL, "sent"),
        (Channel.ROBOT, "sent"),
    }
    # Another stage of the same item is another reminder.
    assert ping(learner, stage="7") is True
    assert len(mail.outbox) == 2 and len(sink.on("/ok")) == 2


def test_a_robot_answering_500_is_logged_and_blocks_neither_email_nor_inbox(
    learner, sink, fast_timeout, caplog
):
    place(learner, make_robot(sink, "/fail"))
    ping(learner)
    assert Notification.objects.filter(recipient=learner, read_at=None).count() == 1
    assert len(mail.outbox) == 1
    robot = Delivery.objects.get(channel=Channel.ROBOT)
    assert robot.status == Delivery.Status.RETRYING and robot.attempts == 1
    assert robot.last_error.startswith("HTTP 500")
    assert robot.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert "failed, attempt 1: HTTP 500" in caplog.text


def test_a_robot_that_times_out_is_a_failure_too(learner, sink, fast_timeout):
    place(learner, make_robot(sink, "/slow"))
    ping(learner)
    robot = Delivery.objects.get(channel=Channel.ROBOT)
    assert robot.status == Delivery.Status.RETRYING
    assert robot.last_error == "No answer within 0.5 s."
    assert len(mail.outbox) == 1


def test_a_platform_refusal_in_a_200_answer_is_a_failure(learner, sink, fast_timeout):
    place(learner, make_robot(sink, "/refuse"))
    ping(learner)
    robot = Delivery.objects.get(channel=Channel.ROBOT)
    assert robot.last_error == "Refused (code 310000): keywords not in content"


def test_retries_back_off_then_give_up_and_never_resend_a_sent_delivery(
    learner, sink, fast_timeout
):
    place(learner, make_robot(sink, "/fail"))
    ping(learner)
    robot = Delivery.objects.get(channel=Channel.ROBOT)
    # Not due yet: nothing is tried.
    assert services.retry_due() == 0
    later = timezone.now() + timedelta(seconds=61)
    assert services.retry_due(now=later) == 1
    robot.refresh_from_db()
    assert robot.attempts == 2 and robot.status == Delivery.Status.RETRYING
    assert robot.next_attempt_at > later + timedelta(seconds=200)  # the second delay, 300 s
    assert services.retry_due(now=later + timedelta(seconds=400)) == 1
    robot.refresh_from_db()
    assert robot.attempts == 3 and robot.status == Delivery.Status.FAILED
    assert services.retry_due(now=later + timedelta(days=1)) == 0
    assert len(sink.on("/fail")) == 3
    email = Delivery.objects.get(channel=Channel.EMAIL)
    assert services.deliver(delivery_id=email.pk) == "sent"
    assert len(mail.outbox) == 1


def test_a_robot_that_recovers_is_sent_on_retry(learner, sink, fast_timeout):
    robot = make_robot(sink, "/fail")
    place(learner, robot)
    ping(learner)
    Robot.objects.filter(pk=robot.pk).update(webhook_url=sink.url + "/ok")
    services.retry_due(now=timezone.now() + timedelta(seconds=61))
    delivery = Delivery.objects.get(channel=Channel.ROBOT)
    assert delivery.status == Delivery.Status.SENT and delivery.last_error == ""
    assert len(sink.on("/ok")) == 1


def test_the_persons_preferences_choose_the_channels(learner, sink):
    place(learner, make_robot(sink, "/ok"))
    Preference.objects.create(user=learner, event=PING, email=False, robot=False)
    ping(learner)
    assert Notification.objects.filter(recipient=learner).count() == 1
    assert mail.outbox == [] and sink.received == []
    assert not Delivery.objects.exists()


def test_the_nearest_unit_with_a_robot_names_it_and_switched_off_robots_post_nothing(learner, sink):
    top = make_robot(sink, "/ok")
    unit = place(learner, top)
    station = make_robot(sink, "/station")
    unit.robot = station
    unit.save()
    ping(learner)
    assert len(sink.on("/station")) == 1 and sink.on("/ok") == []
    station.active = False
    station.save()
    ping(learner, item="thing:2")
    assert sink.on("/ok") == [] and len(sink.on("/station")) == 1


def test_nobody_without_a_unit_or_an_email_gets_a_delivery(sink):
    person = LearnerFactory(email="")
    ping(person)
    assert Notification.objects.filter(recipient=person).count() == 1
    assert not Delivery.objects.exists()


def test_an_unknown_event_type_is_a_clear_error(learner):
    with pytest.raises(LookupError, match="No notification event type 'nope'"):
        services.notify(recipient=learner, event="nope", item="x", title="x", url="/")


def test_a_channel_the_company_requires_is_sent_whatever_the_person_chose(learner, sink, settings):
    settings.NOTIFICATIONS_REQUIRED_CHANNELS = [f"{PING}:email"]
    Preference.objects.create(user=learner, event=PING, email=False, robot=False)
    ping(learner)
    assert [m.subject for m in mail.outbox] == ["Ping thing:1"]
    assert not Delivery.objects.filter(channel=Channel.ROBOT).exists()


def test_a_required_channel_is_sent_in_bulk_too(learner, sink, settings):
    settings.NOTIFICATIONS_REQUIRED_CHANNELS = [f"{PING}:email"]
    Preference.objects.create(user=learner, event=PING, email=False, robot=False)
    sent = bulk.notify_many(
        notices=[bulk.Notice(learner.pk, PING, "thing:2", "东西", "/certificates/")]
    )
    assert sorted(s.channel for s in sent) == ["email", "inbox"]
    assert [m.subject for m in mail.outbox] == ["Ping thing:2"]

"""The events of the other apps that go through the service today: scorecard ready, certificate
issued, expiring (the existing command, once per window) and revoked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from certificates import issuing
from certificates.models import Certificate
from notifications import events
from notifications.models import Delivery
from tests.certificates.factories import finalised, issued
from tests.notifications.conftest import make_robot, place

pytestmark = pytest.mark.django_db


def events_of(user):
    return list(user.notifications.order_by("pk").values_list("event", "item", "stage"))


def test_a_finalised_scorecard_asks_the_engineer_to_acknowledge_it(
    learner, program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scorecard = finalised(learner, program)
    (notification,) = learner.notifications.all()
    assert notification.event == "scorecard_ready"
    assert notification.url.endswith(f"/r{scorecard.revision}/feedback/")
    assert program.code in notification.title


def test_issued_expiring_and_revoked_certificates_reach_the_holder(
    learner, program, sink, django_capture_on_commit_callbacks
):
    place(learner, make_robot(sink, "/ok"))
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issued(learner, program)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() + timedelta(days=20)
    )
    call_command("send_expiry_reminders", "--days", "30")
    call_command("send_expiry_reminders", "--days", "30")
    issuing.certificate_revoke(certificate=certificate, reason="作弊")
    item = f"certificate:{certificate.pk}"
    assert [e for e in events_of(learner) if e[0] != "scorecard_ready"] == [
        ("certificate_issued", item, ""),
        ("certificate_expiring", item, "30"),
        ("certificate_revoked", item, ""),
    ]
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 2 and all(certificate.serial in s for s in subjects)
    assert mail.outbox[0].attachments[0][0] == f"{certificate.serial}.pdf"
    # The group chat heard of the scorecard, the issue and the reminder (a digest of one, sent
    # in bulk); not of the revocation (a person's own business unless they choose otherwise).
    posts = [post.body["markdown"]["content"] for post in sink.on("/ok")]
    with translation.override(settings.LANGUAGE_CODE):
        labels = {event.key: str(event.label) for event in events.all_event_types()}
    heard = sorted(key for key, label in labels.items() if any(label in post for post in posts))
    assert heard == ["certificate_expiring", "certificate_issued", "scorecard_ready"]
    assert len(posts) == 3 and Delivery.objects.filter(channel="robot").count() == 3

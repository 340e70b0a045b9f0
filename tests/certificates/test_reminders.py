"""Expiry reminders: once per certificate and window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certificates import reminders
from certificates.models import Certificate
from tests.certificates.factories import issued
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def test_expiry_reminders_go_once_per_certificate_and_window(learner, program):
    certificate = issued(learner, program)
    soon = timezone.localdate() + timedelta(days=20)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=soon)
    far = issued(LearnerFactory(employee_id="E5001"), program)
    mail.outbox.clear()
    sent = reminders.send_expiry_reminders(days=30)
    assert [c.pk for c in sent] == [certificate.pk]
    assert len(mail.outbox) == 1 and certificate.serial in mail.outbox[0].subject
    assert reminders.send_expiry_reminders(days=30) == []
    assert len(mail.outbox) == 1
    # Another window is another reminder; a far-off certificate gets none.
    assert [c.pk for c in reminders.send_expiry_reminders(days=60)] == [certificate.pk]
    assert far.pk not in [c.pk for c in reminders.send_expiry_reminders(days=90)]

"""Expiry reminders: a holder is told once per certificate and window before it expires
(``manage.py send_expiry_reminders --days N``), through the notification service: the inbox,
the email below and their unit's group robot (event ``certificate_expiring``, stage = days)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.api import AssessmentError
from certificates.issuing import notice_title, verify_url
from certificates.models import Certificate, ExpiryReminder
from notifications import api as notifications


def send_expiry_reminders(*, days: int, today: date | None = None) -> list[Certificate]:
    """Mail holders whose valid certificates expire within ``days`` days; once per certificate
    and window, each in the holder's language. Returns the certificates reminded now."""
    if days < 1:
        raise AssessmentError(_("The window must be at least one day."))
    today = today or timezone.localdate()
    due = (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            superseded_by__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=days),
        )
        .exclude(reminders__days=days)
        .select_related("holder", "program")
        .order_by("valid_until", "serial")
    )
    sent = []
    for certificate in due.iterator(chunk_size=200):
        with transaction.atomic():
            _reminder, created = ExpiryReminder.objects.get_or_create(
                certificate=certificate, days=days
            )
            if not created:
                continue
            notifications.notify(
                recipient=certificate.holder,
                event="certificate_expiring",
                item=f"certificate:{certificate.pk}",
                stage=str(days),
                **notice_title(certificate),
                url=reverse("certificates:my_certificates"),
            )
        sent.append(certificate)
    return sent


def expiry_email(*, certificate_id: int, today: date | None = None) -> EmailMessage | None:
    """The reminder email: serial, program, days left and the verification link, in the
    holder's language."""
    certificate = Certificate.objects.select_related("holder", "program").get(pk=certificate_id)
    if not certificate.holder.email:
        return None
    today = today or timezone.localdate()
    context = {
        "certificate": certificate,
        "verify_url": verify_url(certificate.code),
        "days_left": (certificate.valid_until - today).days,
    }
    with translation.override(certificate.holder.preferred_language()):
        subject = render_to_string("certificates/email/expiry_subject.txt", context).strip()
        body = render_to_string("certificates/email/expiry.txt", context)
    return EmailMessage(subject=subject, body=body, to=[certificate.holder.email])

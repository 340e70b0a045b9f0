"""Expiry reminders: a holder is mailed once per certificate and window before it expires
(``manage.py send_expiry_reminders --days N``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.api import AssessmentError
from certificates.issuing import verify_url
from certificates.models import Certificate, ExpiryReminder


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
            if certificate.holder.email:
                context = {
                    "certificate": certificate,
                    "verify_url": verify_url(certificate.code),
                    "days_left": (certificate.valid_until - today).days,
                }
                with translation.override(certificate.holder.preferred_language()):
                    subject = render_to_string(
                        "certificates/email/expiry_subject.txt", context
                    ).strip()
                    body = render_to_string("certificates/email/expiry.txt", context)
                EmailMessage(subject=subject, body=body, to=[certificate.holder.email]).send()
        sent.append(certificate)
    return sent

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
    return expiry_reminders(days=days, today=today)[0]


def expiry_reminders(
    *, days: int, today: date | None = None, dry_run: bool = False
) -> tuple[list[Certificate], list[notifications.Sent]]:
    """As ``send_expiry_reminders`` (``send_reminders`` runs it for each configured window),
    with the channels each reminder went out on; ``dry_run`` writes and sends nothing and says
    what would go out. A few queries for any number of certificates."""
    if days < 1:
        raise AssessmentError(_("The window must be at least one day."))
    today = today or timezone.localdate()
    due = list(
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
    if dry_run:
        return due, notifications.notify_many(notices=_notices(due, days), dry_run=True)
    with transaction.atomic():
        claimed = [
            certificate
            for certificate in due
            if ExpiryReminder.objects.get_or_create(certificate=certificate, days=days)[1]
        ]
        sent = notifications.notify_many(notices=_notices(claimed, days))
    return claimed, sent


def _notices(certificates: list[Certificate], days: int) -> list[notifications.Notice]:
    url = reverse("certificates:my_certificates")
    return [
        notifications.Notice(
            recipient_id=certificate.holder_id,
            event="certificate_expiring",
            item=f"certificate:{certificate.pk}",
            stage=str(days),
            url=url,
            **notice_title(certificate),
        )
        for certificate in certificates
    ]


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

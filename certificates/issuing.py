"""Writes of one certificate: its serial, issue, supersession and revocation.

Issuing is one atomic, idempotent operation (after openedx/credentials' ``issuers.py``): issuing
again for the same scorecard returns the certificate it already has. The PDF is rendered once
at issue by :mod:`certificates.pdf` and stored in the private storage with its sha256; the
email to the holder is sent after the transaction commits.

Issuing for a whole program and period, in the foreground or as background tasks, is in
:mod:`certificates.bulk`; expiry reminders are in :mod:`certificates.reminders`.
"""

from __future__ import annotations

import calendar
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment import api as assessment_api
from assessment.api import AssessmentError, Program, Scorecard
from audit import api as audit
from certificates import pdf
from certificates.models import BulkIssueJob, Certificate, SerialCounter
from lms import metrics
from notifications import api as notifications

# 32 random bytes: 256 bits, 43 URL-safe characters. Never derived from the serial.
CODE_BYTES = 32
SERIAL_DIGITS = 6


class IssueRefused(AssessmentError):
    """The scorecard cannot be certified; ``reasons`` says why, one sentence each."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        super().__init__(message)
        self.reasons = reasons or []


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def new_code() -> str:
    """A random verification code that never starts with ``-``.

    A leading dash would read as an option to ``manage.py verify_certificate`` and to most
    command-line tools a support desk pastes a code into; one in 64 codes would start with it.
    """
    while True:
        code = secrets.token_urlsafe(CODE_BYTES)
        if not code.startswith("-"):
            return code


def verify_url(code: str) -> str:
    return settings.BASE_URL.rstrip("/") + reverse("certificates:verify", args=[code])


def next_serial(*, program: Program, year: int) -> str:
    """Take the next serial of a program and year; call inside a transaction.

    The counter row is locked (``select_for_update``) until the transaction ends, so two
    issuers never get the same number; on SQLite the write itself serialises them.
    """
    SerialCounter.objects.get_or_create(program=program, year=year)
    counter = SerialCounter.objects.select_for_update().get(program=program, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{program.code}-{year}-{counter.last:0{SERIAL_DIGITS}d}"


def grade_labels(scorecard: Scorecard) -> tuple[str, str]:
    """The grade's label in Chinese and in English, as printed: the scheme's band name (as on
    the scorecard), else the built-in label."""
    return assessment_api.scorecard_grade_labels(scorecard)


def holder_display_name(user) -> str:
    return user.display_name or f"{user.first_name} {user.last_name}".strip() or user.username


def certificate_document(certificate: Certificate) -> pdf.CertificateDocument:
    return pdf.CertificateDocument(
        serial=certificate.serial,
        holder_name=certificate.holder_name,
        program_code=certificate.program.code,
        program_name=certificate.program.name,
        program_name_en=certificate.program.name_en,
        grade=certificate.grade,
        grade_label_zh=certificate.grade_label_zh,
        grade_label_en=certificate.grade_label_en,
        total_score=certificate.total_score,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        verify_url=verify_url(certificate.code),
        status=pdf.STATUS_VALID,
    )


def _later_than(certificate: Certificate) -> Q:
    """Certificates of a later certification than ``certificate`` (by period, then revision)."""
    period, revision = certificate.period, certificate.scorecard.revision
    return Q(period__gt=period) | Q(period=period, scorecard__revision__gt=revision)


def _supersede(certificate: Certificate) -> None:
    """Link ``certificate`` and the holder's other live certificates of the same program: the
    latest certification supersedes every earlier one."""
    live = Certificate.objects.filter(
        holder_id=certificate.holder_id,
        program_id=certificate.program_id,
        revoked_at__isnull=True,
        superseded_by__isnull=True,
    ).exclude(pk=certificate.pk)
    newer = live.filter(_later_than(certificate)).order_by("-period", "-issued_on").first()
    if newer is not None:
        certificate.superseded_by = newer
        certificate.save(update_fields=["superseded_by"])
        _record_superseded(certificate, newer)
        return
    earlier = list(live.select_for_update())
    live.update(superseded_by=certificate)
    for old in earlier:
        _record_superseded(old, certificate)


def _record_superseded(old: Certificate, new: Certificate) -> None:
    audit.record(
        "certificates.superseded",
        actor=new.issued_by,
        obj=old,
        subject=old.holder,
        after={"serial": old.serial, "superseded_by": new.serial},
    )


@dataclass(frozen=True)
class Issued:
    certificate: Certificate
    created: bool


def certificate_issue(
    *,
    scorecard: Scorecard,
    by=None,
    branding: pdf.CertificateBrandingSnapshot | None = None,
    issued_on: date | None = None,
    notify: bool = True,
    bulk_issue: BulkIssueJob | None = None,
    request=None,
) -> Issued:
    """Issue the certificate of a finalised, certified scorecard; idempotent.

    Raises :class:`IssueRefused` (with the reasons) for a scorecard that is not certified or
    has a newer revision. ``issued_on`` defaults to today (the demo backdates one);
    ``bulk_issue`` is recorded on a certificate issued now.
    """
    existing = Certificate.objects.filter(scorecard=scorecard).first()
    if existing is not None:
        return Issued(existing, False)
    _refuse_unless_certifiable(scorecard)
    if branding is None:
        branding = pdf.load_branding()
    certificate = _new_certificate(
        scorecard=scorecard,
        by=by,
        issued_on=issued_on or timezone.localdate(),
        bulk_issue=bulk_issue,
    )
    # The serial is taken in a transaction of its own and the PDF rendered outside any: the
    # counter row stays locked only for the increment, so workers render in parallel
    # (docs/decisions/0600). A render that fails, or an issuer that loses a race for the same
    # scorecard, leaves a gap in the serials; they stay unique and in issue order.
    with transaction.atomic():
        certificate.serial = next_serial(
            program=certificate.program, year=certificate.issued_on.year
        )
    _attach_pdf(certificate, branding=branding)
    return _save_issued(certificate, notify=notify, request=request)


def _refuse_unless_certifiable(scorecard: Scorecard) -> None:
    """Raise :class:`IssueRefused` unless ``scorecard`` is certified and its latest revision."""
    if scorecard.status != assessment_api.CERTIFIED:
        raise IssueRefused(
            _("This scorecard is not certified; no certificate can be issued."),
            assessment_api.not_certified_reasons(scorecard),
        )
    newer = Scorecard.objects.filter(
        employee_id=scorecard.employee_id,
        program_id=scorecard.program_id,
        period=scorecard.period,
        revision__gt=scorecard.revision,
    ).exists()
    if newer:
        raise IssueRefused(
            _("Revision %(revision)d is not the latest revision of this scorecard.")
            % {"revision": scorecard.revision}
        )


def _new_certificate(
    *, scorecard: Scorecard, by, issued_on: date, bulk_issue: BulkIssueJob | None
) -> Certificate:
    """The unsaved certificate of ``scorecard``: holder, grade and validity, without serial."""
    program = scorecard.program
    holder = scorecard.employee
    zh, en = grade_labels(scorecard)
    return Certificate(
        code=new_code(),
        holder=holder,
        holder_name=holder_display_name(holder),
        program=program,
        scorecard=scorecard,
        period=scorecard.period,
        grade=scorecard.grade,
        grade_label_zh=zh,
        grade_label_en=en,
        total_score=scorecard.total,
        issued_on=issued_on,
        valid_until=add_months(issued_on, program.validity_months),
        issued_by=by,
        bulk_issue=bulk_issue,
    )


def _attach_pdf(certificate: Certificate, *, branding: pdf.CertificateBrandingSnapshot) -> None:
    """Render the certificate's PDF and write it to the private storage with its sha256."""
    data, certificate.pdf_sha256 = pdf.render_certificate_pdf_with_sha256(
        certificate_document(certificate), branding=branding
    )
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(data), save=False)


def _save_issued(certificate: Certificate, *, notify: bool, request=None) -> Issued:
    """Save the certificate and supersede the earlier ones in one transaction; mail the holder
    after the commit. The stored PDF is deleted when the save fails."""
    try:
        with transaction.atomic():
            certificate.save()
            audit.record(
                "certificates.issued",
                actor=certificate.issued_by,
                obj=certificate,
                subject=certificate.holder,
                after={
                    "serial": certificate.serial,
                    "scorecard": certificate.scorecard_id,
                    "grade": certificate.grade,
                    "valid_until": certificate.valid_until,
                },
                request=request,
            )
            _supersede(certificate)
            if notify:
                pk = certificate.pk
                transaction.on_commit(lambda: send_issued_email(certificate_id=pk))
    except IntegrityError:
        certificate.pdf.delete(save=False)
        # Another issuer got there first (one certificate per scorecard): return theirs.
        existing = Certificate.objects.filter(scorecard=certificate.scorecard).first()
        if existing is None:
            raise
        return Issued(existing, False)
    except BaseException:
        certificate.pdf.delete(save=False)
        raise
    metrics.CERTIFICATES_ISSUED.inc()  # lms_certificates_issued_total at /metrics
    return Issued(certificate, True)


def send_issued_email(*, certificate_id: int) -> None:
    """Tell the holder their certificate is issued (inbox, and the email with the PDF below,
    through the notification service); once per certificate."""
    certificate = Certificate.objects.select_related("holder", "program").get(pk=certificate_id)
    notifications.notify(
        recipient=certificate.holder,
        event="certificate_issued",
        item=f"certificate:{certificate.pk}",
        **notice_title(certificate),
        url=reverse("certificates:my_certificates"),
    )


def notice_title(certificate: Certificate) -> dict[str, str]:
    program = certificate.program
    return {
        "title": f"{certificate.serial} {program.code} {program.name}",
        "title_en": f"{certificate.serial} {program.code} {program.name_en}"
        if program.name_en
        else "",
    }


def issued_email(*, certificate_id: int) -> EmailMessage | None:
    """The holder's certificate with the stored PDF attached, in their language."""
    certificate = Certificate.objects.select_related("holder", "program").get(pk=certificate_id)
    if not certificate.holder.email:
        return None
    context = {"certificate": certificate, "verify_url": verify_url(certificate.code)}
    with translation.override(certificate.holder.preferred_language()):
        message = EmailMessage(
            subject=render_to_string("certificates/email/issued_subject.txt", context).strip(),
            body=render_to_string("certificates/email/issued.txt", context),
            to=[certificate.holder.email],
        )
    message.attach(f"{certificate.serial}.pdf", certificate.read_pdf(), "application/pdf")
    return message


def certificate_revoke(
    *, certificate: Certificate, reason: str, by=None, request=None
) -> Certificate:
    """Revoke a certificate; a reason is required. Revoking twice is refused."""
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("A reason is required to revoke a certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise AssessmentError(
                _("Certificate %(serial)s is already revoked.") % {"serial": locked.serial}
            )
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason[:2000]
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        audit.record(
            "certificates.revoked",
            actor=by,
            obj=locked,
            subject=locked.holder,
            before={"serial": locked.serial, "status": "valid"},
            after={"serial": locked.serial, "status": "revoked"},
            reason=locked.revocation_reason,
            request=request,
        )
    certificate.refresh_from_db()
    notifications.notify(
        recipient=certificate.holder,
        event="certificate_revoked",
        item=f"certificate:{certificate.pk}",
        **notice_title(certificate),
        url=reverse("certificates:my_certificates"),
    )
    return certificate

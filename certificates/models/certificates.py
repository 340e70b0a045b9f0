"""Issued certificates: frozen, verifiable, revocable and renewable (issue 7).

A certificate is issued once from a finalised, certified scorecard. Everything it prints is
stored beside it as it was at issue (the holder's name, the grade, the dates) together with the
PDF in the private storage and the PDF's sha256, so a later change of name or scheme never
alters it. Its status is computed: revoked and superseded are recorded, expired follows from
the date.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.private_files import private_storage

VALID = "valid"
EXPIRED = "expired"
REVOKED = "revoked"
SUPERSEDED = "superseded"
STATUS_LABELS = {
    VALID: _("Valid"),
    EXPIRED: _("Expired"),
    REVOKED: _("Revoked"),
    SUPERSEDED: _("Superseded"),
}


def status_on(certificate, day: date) -> str:
    """A certificate's status on ``day``, of a ``Certificate`` or a row with its
    ``revoked_at``, ``superseded_by_id`` and ``valid_until``."""
    if certificate.revoked_at is not None:
        return REVOKED
    if certificate.superseded_by_id is not None:
        return SUPERSEDED
    if day > certificate.valid_until:
        return EXPIRED
    return VALID


def certificate_pdf_path(instance, filename) -> str:
    return f"certificates/{instance.program.code}/{instance.issued_on.year}/{instance.serial}.pdf"


class SerialCounter(models.Model):
    """The last serial number given for a program and year; locked while a serial is taken."""

    program = models.ForeignKey(
        "assessment.Program", verbose_name=_("program"), on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("certificate serial counter")
        verbose_name_plural = _("certificate serial counters")
        constraints = [
            models.UniqueConstraint(fields=["program", "year"], name="one_serial_counter")
        ]

    def __str__(self):
        return f"{self.program_id}/{self.year}: {self.last}"


class Certificate(models.Model):
    """A certificate issued from one finalised, certified scorecard."""

    serial = models.CharField(_("serial"), max_length=64, unique=True)
    code = models.CharField(_("verification code"), max_length=64, unique=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    holder_name = models.CharField(_("holder's name at issue"), max_length=200)
    program = models.ForeignKey(
        "assessment.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    scorecard = models.OneToOneField(
        "assessment.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    period = models.CharField(_("period"), max_length=7)
    grade = models.CharField(_("grade"), max_length=32)
    grade_label_zh = models.CharField(_("grade (Chinese)"), max_length=100)
    grade_label_en = models.CharField(_("grade (English)"), max_length=100)
    total_score = models.DecimalField(_("total score"), max_digits=6, decimal_places=2)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to=certificate_pdf_path, max_length=255
    )
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    bulk_issue = models.ForeignKey(
        "certificates.BulkIssueJob",
        verbose_name=_("bulk issue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
        help_text=_("The bulk issue that issued this certificate, if one did."),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-serial"]
        indexes = [
            models.Index(fields=["program", "period"], name="certificate_program_period"),
            models.Index(fields=["valid_until"], name="certificate_valid_until"),
        ]

    def __str__(self):
        return self.serial

    def status_on(self, day: date) -> str:
        return status_on(self, day)

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def holder_name_withheld(self) -> bool:
        """The holder had their personal data erased: no name is kept (decision 1002)."""
        return not self.holder_name

    def read_pdf(self) -> bytes:
        with self.pdf.open("rb") as handle:
            return handle.read()


class ExpiryReminder(models.Model):
    """A reminder mailed to a holder that a certificate expires within ``days`` days."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    days = models.PositiveIntegerField(_("window in days"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(fields=["certificate", "days"], name="one_reminder_per_window")
        ]

    def __str__(self):
        return f"{self.certificate_id} ({self.days})"


def stalled_after() -> int:
    """Seconds without a sign from a worker after which an unfinished bulk issue is "stalled"
    (docs/decisions/0602-bulk-issue-recovery.md)."""
    return settings.CERTIFICATE_BULK_ISSUE_STALLED_AFTER


class BulkIssueJob(models.Model):
    """Issuing the certificates of a program and period in the background, with its progress.

    The counts are recounted from the job's :class:`BulkIssueOutcome` rows and the certificates
    they point to after each engineer, never incremented: a task run twice (after its worker
    died) or two jobs racing for one cohort still count each certificate once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    program = models.ForeignKey(
        "assessment.Program", verbose_name=_("program"), on_delete=models.CASCADE
    )
    period = models.CharField(_("period"), max_length=7)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("to process"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    issued = models.PositiveIntegerField(_("issued"), default=0)
    already = models.PositiveIntegerField(_("already had one"), default=0)
    skipped = models.PositiveIntegerField(_("not certified"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    heartbeat_at = models.DateTimeField(
        _("last sign of a worker"),
        default=timezone.now,
        help_text=_("When a worker last took a task of this bulk issue or finished an engineer."),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk issue")
        verbose_name_plural = _("bulk issues")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.program_id}/{self.period} ({self.processed} of {self.total})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def stalled(self) -> bool:
        """Unfinished, and no worker has shown a sign of life on it for ``stalled_after()``."""
        if self.finished:
            return False
        return timezone.now() - self.heartbeat_at > timedelta(seconds=stalled_after())

    @property
    def status_label(self) -> str:
        return str(_("Stalled")) if self.stalled else self.get_status_display()


class BulkIssueOutcome(models.Model):
    """One engineer done by a bulk issue, with the certificate they hold (none: not certified).

    One row per job and engineer, written when the engineer is done: a task that runs again
    skips the engineers it already has.
    """

    job = models.ForeignKey(
        BulkIssueJob,
        verbose_name=_("bulk issue"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    engineer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("engineer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("done at"), default=timezone.now)

    class Meta:
        verbose_name = _("bulk issue outcome")
        verbose_name_plural = _("bulk issue outcomes")
        ordering = ["job", "engineer"]
        constraints = [
            models.UniqueConstraint(fields=["job", "engineer"], name="one_outcome_per_engineer")
        ]

    def __str__(self):
        return f"{self.job_id}/{self.engineer_id}"

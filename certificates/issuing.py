"""Writes of certificates: issue, supersede, revoke, bulk issue and expiry reminders.

Issuing is one atomic, idempotent operation (after openedx/credentials' ``issuers.py``): issuing
again for the same scorecard returns the certificate it already has. The PDF is rendered once
at issue by :mod:`certificates.pdf` and stored in the private storage with its sha256; the
email to the holder is sent after the transaction commits.

A bulk issue runs as tasks in ``db_worker`` processes; a task whose worker died is queued again
by :func:`bulk_issue_resume` and skips the engineers already done
(docs/decisions/0602-bulk-issue-recovery.md).
"""

from __future__ import annotations

import calendar
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessment import api as assessment_api
from assessment.api import AssessmentError, Program, Scorecard
from certificates import pdf
from certificates.models import (
    BulkIssueJob,
    BulkIssueOutcome,
    Certificate,
    ExpiryReminder,
    SerialCounter,
)
from certificates.models.certificates import stalled_after

# 32 random bytes: 256 bits, 43 URL-safe characters. Never derived from the serial.
CODE_BYTES = 32
SERIAL_DIGITS = 6
BULK_CHUNK = 50  # engineers whose scorecards are computed at once in a bulk issue
BULK_TASK_SIZE = 25  # engineers per background task: small enough to keep every worker busy


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
    """The grade's label in Chinese and in English, as printed."""
    labels = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            labels.append(assessment_api.grade_label(scorecard.grade))
    return labels[0], labels[1]


def holder_display_name(user) -> str:
    return user.display_name or f"{user.first_name} {user.last_name}".strip() or user.username


def certificate_document(certificate: Certificate) -> pdf.CertificateDocument:
    return pdf.CertificateDocument(
        serial=certificate.serial,
        holder_name=certificate.holder_name,
        program_code=certificate.program.code,
        program_name=certificate.program.name,
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
        return
    live.update(superseded_by=certificate)


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
) -> Issued:
    """Issue the certificate of a finalised, certified scorecard; idempotent.

    Raises :class:`IssueRefused` (with the reasons) for a scorecard that is not certified or
    has a newer revision. ``issued_on`` defaults to today (the demo backdates one);
    ``bulk_issue`` is recorded on a certificate issued now.
    """
    existing = Certificate.objects.filter(scorecard=scorecard).first()
    if existing is not None:
        return Issued(existing, False)
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
    if branding is None:
        branding = pdf.load_branding()
    program = scorecard.program
    holder = scorecard.employee
    issued_on = issued_on or timezone.localdate()
    zh, en = grade_labels(scorecard)
    certificate = Certificate(
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
    # The serial is taken in a transaction of its own and the PDF rendered outside any: the
    # counter row stays locked only for the increment, so workers render in parallel
    # (docs/decisions/0600). A render that fails, or an issuer that loses a race for the same
    # scorecard, leaves a gap in the serials; they stay unique and in issue order.
    with transaction.atomic():
        certificate.serial = next_serial(program=program, year=issued_on.year)
    data, certificate.pdf_sha256 = pdf.render_certificate_pdf_with_sha256(
        certificate_document(certificate), branding=branding
    )
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(data), save=False)
    del data
    try:
        with transaction.atomic():
            certificate.save()
            _supersede(certificate)
            if notify:
                pk = certificate.pk
                transaction.on_commit(lambda: send_issued_email(certificate_id=pk))
    except IntegrityError:
        certificate.pdf.delete(save=False)
        # Another issuer got there first (one certificate per scorecard): return theirs.
        existing = Certificate.objects.filter(scorecard=scorecard).first()
        if existing is None:
            raise
        return Issued(existing, False)
    except BaseException:
        certificate.pdf.delete(save=False)
        raise
    return Issued(certificate, True)


def send_issued_email(*, certificate_id: int) -> None:
    """Mail the holder their certificate with the stored PDF attached."""
    certificate = Certificate.objects.select_related("holder", "program").get(pk=certificate_id)
    if not certificate.holder.email:
        return
    context = {"certificate": certificate, "verify_url": verify_url(certificate.code)}
    message = EmailMessage(
        subject=render_to_string("certificates/email/issued_subject.txt", context).strip(),
        body=render_to_string("certificates/email/issued.txt", context),
        to=[certificate.holder.email],
    )
    message.attach(f"{certificate.serial}.pdf", certificate.read_pdf(), "application/pdf")
    message.send()


def certificate_revoke(*, certificate: Certificate, reason: str, by=None) -> Certificate:
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
    certificate.refresh_from_db()
    return certificate


# --- Issuing for a program and period ---------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    employee_id: str
    user_id: int
    certificate: Certificate | None  # None: not certified (or a dry run)
    created: bool
    reasons: tuple[str, ...] = ()


def issue_for_user(
    *,
    program: Program,
    period: str,
    card: assessment_api.LiveScorecard,
    by=None,
    branding=None,
    dry_run: bool = False,
    notify: bool = True,
    bulk_issue: BulkIssueJob | None = None,
) -> Outcome:
    """Finalise the scorecard if it is certified and not finalised yet, then issue."""
    engineer = card.engineer
    latest = (
        Scorecard.objects.filter(employee_id=engineer.id, program=program, period=period)
        .order_by("-revision")
        .first()
    )
    if card.result.status != assessment_api.CERTIFIED:
        return Outcome(
            engineer.employee_id,
            engineer.id,
            None,
            False,
            tuple(assessment_api.result_reasons(card.result)),
        )
    if dry_run:
        existing = Certificate.objects.filter(scorecard=latest).first() if latest else None
        return Outcome(engineer.employee_id, engineer.id, existing, False)
    scorecard, _created = assessment_api.scorecard_finalise(
        program=program, period=period, user_id=engineer.id, by=by
    )
    issued = certificate_issue(
        scorecard=scorecard, by=by, branding=branding, notify=notify, bulk_issue=bulk_issue
    )
    return Outcome(engineer.employee_id, engineer.id, issued.certificate, issued.created)


def issue_for_period(
    *,
    program: Program,
    period: str,
    by=None,
    user_ids: list[int] | None = None,
    dry_run: bool = False,
    notify: bool = True,
    progress=None,
    bulk_issue: BulkIssueJob | None = None,
):
    """Yield an :class:`Outcome` per engineer of the program and period, in chunks.

    Scorecards are computed ``BULK_CHUNK`` engineers at a time and each PDF is written to the
    storage and dropped, so memory does not grow with the cohort. ``progress(done, total)`` is
    called after each engineer.
    """
    version = program.active_version
    if version is None:
        raise AssessmentError(_("This program has no active scheme version."))
    if user_ids is None:
        user_ids = sorted(
            assessment_api.default_population(program=program, version=version, period=period)
        )
    branding = None if dry_run else pdf.load_branding()
    total = len(user_ids)
    done = 0
    for start in range(0, total, BULK_CHUNK):
        chunk = user_ids[start : start + BULK_CHUNK]
        cards = assessment_api.live_scorecards(
            program=program, period=period, version=version, user_ids=chunk
        )
        for card in cards:
            yield issue_for_user(
                program=program,
                period=period,
                card=card,
                by=by,
                branding=branding,
                dry_run=dry_run,
                notify=notify,
                bulk_issue=bulk_issue,
            )
            done += 1
            if progress is not None:
                progress(done, total)
        done += len(chunk) - len(cards)


def bulk_issue_start(*, program: Program, period: str, by=None) -> BulkIssueJob:
    """Create a bulk issue and queue its tasks, one per ``BULK_TASK_SIZE`` engineers.

    The immediate backend (development, tests) runs them at once after the commit; with the
    database backend every ``db_worker`` process takes tasks, so two workers use two cores.
    """
    from certificates.tasks import bulk_issue_certificates

    version = program.active_version
    if version is None:
        raise AssessmentError(_("This program has no active scheme version."))
    user_ids = sorted(
        assessment_api.default_population(program=program, version=version, period=period)
    )
    job = BulkIssueJob.objects.create(
        program=program, period=period, total=len(user_ids), created_by=by
    )
    if not user_ids:
        job.status, job.finished_at = BulkIssueJob.Status.DONE, timezone.now()
        job.save(update_fields=["status", "finished_at"])
        return job
    for start in range(0, len(user_ids), BULK_TASK_SIZE):
        chunk = user_ids[start : start + BULK_TASK_SIZE]
        transaction.on_commit(
            lambda chunk=chunk: bulk_issue_certificates.enqueue(job_id=job.pk, user_ids=chunk)
        )
    return job


def _record(*, job_pk: int, user_id: int, certificate: Certificate | None) -> None:
    """Record an engineer done and recount the job from its outcomes and their certificates.

    The job row is locked first, so the recounts of two workers follow one another and the
    last one sees every outcome (on SQLite the write itself serialises them).
    """
    with transaction.atomic():
        BulkIssueJob.objects.select_for_update().filter(pk=job_pk).values_list("pk").first()
        BulkIssueOutcome.objects.get_or_create(
            job_id=job_pk, engineer_id=user_id, defaults={"certificate": certificate}
        )
        totals = BulkIssueOutcome.objects.filter(job_id=job_pk).aggregate(
            processed=Count("pk"),
            certified=Count("certificate"),
            issued=Count("pk", filter=Q(certificate__bulk_issue_id=job_pk)),
        )
        now = timezone.now()
        BulkIssueJob.objects.filter(pk=job_pk).update(
            processed=totals["processed"],
            issued=totals["issued"],
            already=totals["certified"] - totals["issued"],
            skipped=totals["processed"] - totals["certified"],
            heartbeat_at=now,
        )
        BulkIssueJob.objects.filter(
            pk=job_pk, status=BulkIssueJob.Status.RUNNING, processed__gte=F("total")
        ).update(status=BulkIssueJob.Status.DONE, finished_at=now)


def bulk_issue_run(*, job: BulkIssueJob, user_ids: list[int]) -> BulkIssueJob:
    """Issue the certificates of some engineers of a bulk issue, recounting "n of m" after each.

    Engineers the job has already done (the task ran before, in a worker that died) are
    skipped. A certificate issued now records the job; one the engineer already had (from an
    earlier issue or a job racing this one) counts as "already had one". The job is done when
    every engineer of every task has an outcome.
    """
    BulkIssueJob.objects.filter(
        pk=job.pk, status__in=[BulkIssueJob.Status.QUEUED, BulkIssueJob.Status.RUNNING]
    ).update(status=BulkIssueJob.Status.RUNNING, heartbeat_at=timezone.now())
    done = set(job.outcomes.filter(engineer_id__in=user_ids).values_list("engineer_id", flat=True))
    to_do = [user_id for user_id in user_ids if user_id not in done]
    seen = set()
    try:
        for outcome in issue_for_period(
            program=job.program,
            period=job.period,
            by=job.created_by,
            user_ids=to_do,
            bulk_issue=job,
        ):
            seen.add(outcome.user_id)
            _record(job_pk=job.pk, user_id=outcome.user_id, certificate=outcome.certificate)
    except Exception as error:  # recorded on the job for the assessor, then raised
        BulkIssueJob.objects.filter(pk=job.pk).update(
            status=BulkIssueJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    for user_id in to_do:  # engineers removed since the job started: not certified
        if user_id not in seen:
            _record(job_pk=job.pk, user_id=user_id, certificate=None)
    job.refresh_from_db()
    return job


def bulk_issue_resume(*, dead_worker_ids: Iterable[str] = (), now: datetime | None = None) -> int:
    """Queue again the bulk issue tasks whose worker died; return how many.

    django_tasks_db marks a task RUNNING when a worker takes it and nothing ever changes that
    if the worker dies. A running task is lost when its worker is in ``dead_worker_ids`` (the
    worker is starting again under the same id, so the old process is gone), or when neither
    the task's start nor its job's last outcome is more recent than ``stalled_after()``
    seconds. A lost task goes back to READY, the next worker takes it and skips the engineers
    already done. Compare-and-set on the row: two resumes never queue a task twice.
    """
    from certificates.tasks import bulk_issue_certificates

    now = now or timezone.now()
    limit = now - timedelta(seconds=stalled_after())
    running = list(
        DBTaskResult.objects.running().filter(task_path=bulk_issue_certificates.module_path)
    )
    job_ids = {task.args_kwargs.get("kwargs", {}).get("job_id") for task in running}
    heartbeats = dict(BulkIssueJob.objects.filter(pk__in=job_ids).values_list("pk", "heartbeat_at"))
    resumed = 0
    for task in running:
        job_id = task.args_kwargs.get("kwargs", {}).get("job_id")
        dead = bool(task.worker_ids) and task.worker_ids[-1] in dead_worker_ids
        signs = [moment for moment in (task.started_at, heartbeats.get(job_id)) if moment]
        if not dead and signs and max(signs) > limit:
            continue
        resumed += DBTaskResult.objects.filter(
            pk=task.pk, status=task.status, started_at=task.started_at
        ).update(status=TaskResultStatus.READY, started_at=None)
    return resumed


# --- Expiry reminders -------------------------------------------------------------------------


def send_expiry_reminders(*, days: int, today: date | None = None) -> list[Certificate]:
    """Mail holders whose valid certificates expire within ``days`` days; once per certificate
    and window. Returns the certificates reminded now."""
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
                EmailMessage(
                    subject=render_to_string(
                        "certificates/email/expiry_subject.txt", context
                    ).strip(),
                    body=render_to_string("certificates/email/expiry.txt", context),
                    to=[certificate.holder.email],
                ).send()
        sent.append(certificate)
    return sent

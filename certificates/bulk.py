"""Issuing for a program and period: one engineer at a time, a whole cohort, or in the background.

:func:`issue_for_period` issues in the foreground (``manage.py issue_certificates``, the demo).
A bulk issue (:func:`bulk_issue_start`) runs the same issuing as tasks in ``db_worker``
processes and counts "n of m" on its :class:`~certificates.models.BulkIssueJob`; a task whose
worker died is queued again by :func:`bulk_issue_resume` and skips the engineers already done
(docs/decisions/0602-bulk-issue-recovery.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessment import api as assessment_api
from assessment.api import AssessmentError, Program, Scorecard
from certificates import issuing, pdf
from certificates.models import BulkIssueJob, BulkIssueOutcome, Certificate
from certificates.models.certificates import stalled_after

BULK_CHUNK = 50  # engineers whose scorecards are computed at once in a bulk issue
BULK_TASK_SIZE = 25  # engineers per background task: small enough to keep every worker busy
# The task that runs a bulk issue, named by its path: certificates.tasks imports this module,
# so this module does not import it (the worker finds a task by this path too).
BULK_ISSUE_TASK = "certificates.tasks.bulk_issue_certificates"


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
            tuple(assessment_api.result_reasons(card.result, card.titles)),
        )
    if dry_run:
        existing = Certificate.objects.filter(scorecard=latest).first() if latest else None
        return Outcome(engineer.employee_id, engineer.id, existing, False)
    try:
        scorecard, _created = assessment_api.scorecard_finalise(
            program=program, period=period, user_id=engineer.id, by=by
        )
    except assessment_api.ReasonMissing as refusal:
        # Reopening a finalised scorecard needs the assessor's reason: on its own page.
        return Outcome(engineer.employee_id, engineer.id, None, False, (str(refusal),))
    issued = issuing.certificate_issue(
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
    task = import_string(BULK_ISSUE_TASK)
    for start in range(0, len(user_ids), BULK_TASK_SIZE):
        chunk = user_ids[start : start + BULK_TASK_SIZE]
        transaction.on_commit(lambda chunk=chunk: task.enqueue(job_id=job.pk, user_ids=chunk))
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
    now = now or timezone.now()
    limit = now - timedelta(seconds=stalled_after())
    running = list(DBTaskResult.objects.running().filter(task_path=BULK_ISSUE_TASK))
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

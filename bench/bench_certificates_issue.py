"""Certificate issuing figures (issue 7): 500 certificates bulk-issued through the worker, with
the time and the workers' peak memory, and the verification page's queries and time.

As in production: the bulk issue is queued with django-tasks' database backend and two
``manage.py db_worker`` processes (production settings, one per core) take its tasks; the
clock runs from the assessor's "issue" to the last certificate. Their emails go to Django's
dummy backend, so the figure holds the rendering, storing and database work but not an SMTP
server's.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil
from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.common import PeakRss, report, time_get

COUNT = 500
# A period of its own: the other benchmarks' engineers (same database) have no metrics in it,
# so the bulk issue covers exactly these 500.
PERIOD = "2026-Q1"
WORKERS = 2
ROOT = Path(__file__).resolve().parent.parent


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_workers() -> list[subprocess.Popen]:
    """``db_worker`` processes on the bench database, as production runs them."""
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost",
        "TASKS_BACKEND": "database",
        "EMAIL_URL": "dummymail://",
        "CACHE_URL": "locmemcache://",  # the bench database has no cache table
        # The files the bench process wrote (branding images) and where PDFs go.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch"]
    command += ["--no-startup-delay", "--no-reload", "--interval", "0.2"]
    workers = []
    for n in range(WORKERS):
        log = (ROOT / "var" / "bench" / f"db_worker-{n}.log").open("w")  # each task's log lines
        command_n = [*command, "--worker-id", f"bench-{n}"]
        workers.append(
            subprocess.Popen(command_n, env=env, cwd=ROOT, stdout=log, stderr=log)  # noqa: S603
        )
    return workers


def build():
    from assessment.models import MetricRecord
    from assessment.services.schemes import scheme_import
    from certificates.demo import load_branding
    from lms.models import User
    from tests.assessment.factories import scheme_file

    load_branding(stdout=io.StringIO())
    program = scheme_import(
        data=scheme_file(program={"code": "BENCH-L1", "name": "基准认证", "validity_months": 24}),
        activate=True,
    ).program
    users = User.objects.bulk_create(
        User(
            username=f"issue{n:04d}",
            employee_id=f"I{n:05d}",
            display_name=f"基准工程师{n}",
            email=f"issue{n:04d}@example.com",
        )
        for n in range(COUNT)
    )
    values = {"first_time_fix_rate": 95, "repeat_repair_rate": 1, "peer_teamwork_rating": 4.5}
    now = timezone.now()
    MetricRecord.objects.bulk_create(
        MetricRecord(
            employee=user,
            indicator=code,
            period=PERIOD,
            value=value,
            created_at=now,
            updated_at=now,
        )
        for user in users
        for code, value in values.items()
    )
    return program


def run():
    from certificates import bulk
    from certificates.models import BulkIssueJob, Certificate

    program = build()
    database_tasks = override_settings(TASKS={"default": settings.TASK_BACKENDS["database"]})
    cpu_before = children_cpu_seconds()
    start = time.perf_counter()
    with database_tasks, transaction.atomic():
        job = bulk.bulk_issue_start(program=program, period=PERIOD)
    workers = start_workers()
    processes = [psutil.Process(worker.pid) for worker in workers]
    with PeakRss(processes) as memory:
        codes = [worker.wait() for worker in workers]
    seconds = time.perf_counter() - start
    cpu_seconds = children_cpu_seconds() - cpu_before
    job = BulkIssueJob.objects.get(pk=job.pk)
    if any(codes) or job.issued != COUNT:
        print("  the workers' logs: var/bench/db_worker-*.log")
    print(
        f"bulk issue: {job.status}, {job.processed} of {job.total}, {job.issued} issued; "
        f"{WORKERS} db_worker processes exited with {codes}"
    )
    report(
        f"{COUNT} certificates bulk-issued by {WORKERS} db_worker processes", seconds, "s", "< 90 s"
    )
    report("  per certificate", seconds / max(job.issued, 1) * 1000, "ms", "< 180 ms")
    report(
        "  CPU time of the workers, together (what a busy machine inflates less)",
        cpu_seconds,
        "s",
        "< 180 s",
    )
    print(f"  load average after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    report("  peak RSS of the larger worker", max(memory.peaks) / 2**20, "MB", "< 500 MB")

    certificate = Certificate.objects.order_by("serial").first()
    url = f"/verify/{certificate.code}/"
    with override_settings(CERTIFICATE_VERIFY_LIMIT=10**9):
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        report("verification page queries", len(queries), "queries", "<= 3")
        durations = time_get(client, url, n=100)
    durations.sort()
    report("verification page median", durations[len(durations) // 2], "ms", "< 50 ms")

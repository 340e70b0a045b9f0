"""Certificate issuing figures (issue 7): 500 certificates bulk-issued through the task path,
with the time and the process's peak memory, and the verification page's queries and time.

Tasks run with the immediate backend in this process, one after another: the figure is that
of one worker on one core; with the database backend two ``db_worker`` processes share the
tasks (one per 100 engineers). Emails go to Django's dummy backend, so the figure holds the
rendering, storing and database work but not an SMTP server's.
"""

from __future__ import annotations

import io
import os
import threading
import time

import psutil
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.common import report, time_get

COUNT = 500


class PeakRss:
    """Samples the process's RSS every 50 ms in a thread and keeps the highest value."""

    def __init__(self):
        self.process = psutil.Process()
        self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def build():
    from certificates import services
    from certificates.branding_demo import load_branding
    from certificates.models import MetricRecord
    from lms.models import User
    from tests.certificates.factories import scheme_file

    load_branding(stdout=io.StringIO())
    program = services.scheme_import(
        data=scheme_file(program={"code": "BENCH-L1", "name": "基准认证", "validity_months": 24}),
        activate=True,
    ).program
    users = User.objects.bulk_create(
        User(
            username=f"bench{n:04d}",
            employee_id=f"B{n:05d}",
            display_name=f"基准工程师{n}",
            email=f"bench{n:04d}@example.com",
        )
        for n in range(COUNT)
    )
    values = {"first_time_fix_rate": 95, "repeat_repair_rate": 1, "peer_teamwork_rating": 4.5}
    now = timezone.now()
    MetricRecord.objects.bulk_create(
        MetricRecord(
            employee=user,
            indicator=code,
            period="2026-Q3",
            value=value,
            created_at=now,
            updated_at=now,
        )
        for user in users
        for code, value in values.items()
    )
    return program


def run():
    from certificates import issuing
    from certificates.models import BulkIssueJob, Certificate

    program = build()
    dummy_email = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    with dummy_email, PeakRss() as memory:
        start, cpu_start = time.perf_counter(), time.process_time()
        with transaction.atomic():
            job = issuing.bulk_issue_start(program=program, period="2026-Q3")
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
    job = BulkIssueJob.objects.get(pk=job.pk)
    print(f"bulk issue: {job.status}, {job.processed} of {job.total}, {job.issued} issued")
    report(f"{COUNT} certificates bulk-issued through the task path", seconds, "s", "< 90 s")
    report("  per certificate", seconds / max(job.issued, 1) * 1000, "ms", "< 180 ms")
    report(
        "  CPU time of the worker (what a busy machine inflates less)", cpu_seconds, "s", "< 90 s"
    )
    print(f"  load average after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    report("  peak RSS of the worker process", memory.peak / 2**20, "MB", "< 500 MB")

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

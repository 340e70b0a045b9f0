"""Bulk issues that survive their workers (issue 12, finding 6): a worker killed mid-way is
resumed by the next one without duplicates, a job nobody works on shows "stalled", and the
counts come from the certificates, so racing jobs never both claim them."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands import db_worker as db_worker_module
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from certificates import bulk
from certificates.models import BulkIssueJob, Certificate
from tests.assessment.factories import put_metrics
from tests.certificates.factories import NOT_CERTIFIED
from tests.factories import LearnerFactory

ROOT = Path(__file__).resolve().parent.parent.parent
CERTIFIED = {"first_time_fix_rate": 95, "repeat_repair_rate": 0, "peer_teamwork_rating": 5}
DATABASE_TASKS = override_settings(TASKS={"default": django_settings.TASK_BACKENDS["database"]})


def cohort(size=12):
    """``size`` engineers of 2026-Q3, every fourth not certified (9 of 12 certified)."""
    learners = []
    for n in range(size):
        learner = LearnerFactory(employee_id=f"E{3000 + n}")
        put_metrics(learner, **(NOT_CERTIFIED if n % 4 == 3 else CERTIFIED))
        learners.append(learner)
    return learners


def counts(job) -> tuple:
    job.refresh_from_db()
    return (job.status, job.processed, job.total, job.issued, job.already, job.skipped)


# --- A worker killed with kill -9, in real processes -------------------------------------------


def worker_environment(tmp_path, database_url: str) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url,
        "TASKS_BACKEND": "database",
        "LMS_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "CERTIFICATE_FONTS_DIR": str(django_settings.CERTIFICATE_FONTS_DIR),
        "LOG_LEVEL": "WARNING",
    }


def manage(*args) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


def db_worker(worker_id: str, *extra: str) -> list[str]:
    return manage(
        "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1", *extra,
        "--worker-id", worker_id,
    )  # fmt: skip


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class WorkerDatabase:
    """The database the worker processes of a transactional test use."""

    def __init__(self, tmp_path: Path):
        self.file = None
        if connection.vendor != "sqlite":
            # The test database itself: the workers connect to it by name.
            base = urlsplit(os.environ["DATABASE_URL"])
            self.url = urlunsplit(base._replace(path="/" + connection.settings_dict["NAME"]))
            return
        self.file = tmp_path / "db.sqlite3"
        copy = sqlite3.connect(self.file)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        self.url = f"sqlite:///{self.file}"

    def _query(self, sql: str, *params):
        if self.file is None:
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), params)
                return cursor.fetchone()[0]
        db = sqlite3.connect(self.file, timeout=30)
        try:
            return db.execute(sql, params).fetchone()[0]
        finally:
            db.close()

    def certificates(self) -> int:
        return self._query("SELECT COUNT(*) FROM certificates_certificate")

    def job_status(self, pk: int) -> str:
        return self._query("SELECT status FROM certificates_bulkissuejob WHERE id = ?", pk)

    def read_back(self):
        """Bring the workers' work into the test database (SQLite's file copy only)."""
        if self.file is not None:
            source = sqlite3.connect(self.file)
            source.backup(connection.connection)
            source.close()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_is_resumed_by_the_next_worker_without_duplicates(
    tmp_path, program, assessor
):
    """Worker processes share the test's database: on PostgreSQL the test database itself (a
    transactional test commits what it writes); SQLite's test database lives in memory, so there
    the workers get a file copy of it and the test reads their work back when they are done."""
    learners = cohort()
    with DATABASE_TASKS:
        job = bulk.bulk_issue_start(program=program, period="2026-Q3", by=assessor)
    database = WorkerDatabase(tmp_path)
    env = worker_environment(tmp_path, database.url)

    first = subprocess.Popen(db_worker("worker-1"), env=env, cwd=ROOT)  # noqa: S603
    try:
        wait_for(lambda: database.certificates() >= 3, timeout=120, what="three certificates")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    issued_before_the_kill = database.certificates()  # a dead worker writes no more
    assert 3 <= issued_before_the_kill < 9  # killed mid-way
    assert database.job_status(job.pk) == "running"

    # systemd restarts the worker: ExecStartPre gives back the tasks the dead one held.
    resumed = subprocess.run(  # noqa: S603
        manage("resume_bulk_issues", "--worker-id", "worker-1"),
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert "1 task of a dead worker queued again" in resumed.stdout
    second = subprocess.run(  # noqa: S603
        db_worker("worker-1", "--batch"), env=env, cwd=ROOT, timeout=240
    )
    assert second.returncode == 0
    database.read_back()

    certified = [learner for n, learner in enumerate(learners) if n % 4 != 3]
    for learner in learners:
        expected = 1 if learner in certified else 0
        assert Certificate.objects.filter(holder=learner).count() == expected, learner
    assert counts(job) == ("done", 12, 12, 9, 0, 3)
    assert Certificate.objects.filter(bulk_issue=job).count() == 9
    task = DBTaskResult.objects.get(task_path="certificates.tasks.bulk_issue_certificates")
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["worker-1", "worker-1"])


# --- No worker alive: "stalled", and the next worker resumes -----------------------------------


def test_a_job_without_a_live_worker_shows_stalled_and_the_next_worker_finishes_it(
    assessor_client, assessor, program, django_capture_on_commit_callbacks, settings, monkeypatch
):
    settings.CERTIFICATE_BULK_ISSUE_STALLED_AFTER = 60
    cohort(4)
    with DATABASE_TASKS, django_capture_on_commit_callbacks(execute=True):
        job = bulk.bulk_issue_start(program=program, period="2026-Q3", by=assessor)
    task = DBTaskResult.objects.get(task_path="certificates.tasks.bulk_issue_certificates")
    task.claim("worker-1")  # as db_worker does; then the worker dies without a trace
    page = f"/assessment/certificates/issue/{job.pk}/"
    assessor_client.cookies["lms_language"] = "en"
    html = assessor_client.get(page).content.decode()
    assert "Stalled" not in html  # just started: waiting for its first certificate

    # Two minutes pass with no sign of the worker.
    two_minutes_ago = timezone.now() - timedelta(minutes=2)
    BulkIssueJob.objects.filter(pk=job.pk).update(heartbeat_at=two_minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=two_minutes_ago)
    html = assessor_client.get(page).content.decode()
    status = html.split('data-testid="job-status"')[1].split("</span>")[0]
    assert "Stalled" in status
    assert "No worker has reported progress for 60 seconds" in html
    listing = assessor_client.get("/cms/bulkissuejob/").content.decode()
    assert "Progress" in listing and "Stalled" in listing  # in English, as the page
    assessor_client.cookies["lms_language"] = "zh-hans"
    chinese = assessor_client.get(page)
    assert chinese.status_code == 200 and 'data-testid="job-stalled"' in chinese.content.decode()
    assessor_client.cookies["lms_language"] = "en"

    # A timer runs resume_bulk_issues; the task is queued again and the next worker runs it.
    call_command("resume_bulk_issues", stdout=open(os.devnull, "w"))  # noqa: SIM115
    task.refresh_from_db()
    assert task.status == "READY"
    # The worker closes connections it finds outside autocommit; inside the test's transaction
    # that is the test's own (on PostgreSQL), so it keeps it, as Django's test client does.
    monkeypatch.setattr(db_worker_module, "close_old_connections", lambda: None)
    with DATABASE_TASKS:
        Worker(
            queue_names=["default"], interval=0, batch=True, backend_name="default",
            startup_delay=False, max_tasks=None, worker_id="worker-2", excluded_queue_names=[],
        ).run()  # a db_worker process, run in the test's process  # fmt: skip
    assert counts(job) == ("done", 4, 4, 3, 0, 1)
    html = assessor_client.get(page).content.decode()
    assert "Stalled" not in html
    assert "3 issued, 0 already had one, 1 not certified." in html


def test_a_live_worker_is_not_resumed(assessor, program, django_capture_on_commit_callbacks):
    cohort(2)
    with DATABASE_TASKS, django_capture_on_commit_callbacks(execute=True):
        job = bulk.bulk_issue_start(program=program, period="2026-Q3", by=assessor)
    task = DBTaskResult.objects.get(task_path="certificates.tasks.bulk_issue_certificates")
    task.claim("worker-1")
    assert bulk.bulk_issue_resume() == 0  # it took the task within the last two minutes
    # A task started ten minutes ago whose job had an engineer done just now is alive too.
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - timedelta(minutes=10)
    )
    BulkIssueJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    assert bulk.bulk_issue_resume() == 0
    assert bulk.bulk_issue_resume(dead_worker_ids=["worker-2"]) == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"
    assert bulk.bulk_issue_resume(dead_worker_ids=["worker-1"]) == 1
    task.refresh_from_db()
    assert task.status == "READY"
    assert not job.stalled


# --- Racing jobs report the truth ---------------------------------------------------------------


def test_two_racing_jobs_for_one_cohort_count_each_certificate_once(
    assessor_client, assessor, program, monkeypatch, django_capture_on_commit_callbacks
):
    cohort()
    monkeypatch.setattr(bulk, "BULK_TASK_SIZE", 2)
    with django_capture_on_commit_callbacks() as first_tasks:
        first = bulk.bulk_issue_start(program=program, period="2026-Q3", by=assessor)
    with django_capture_on_commit_callbacks() as second_tasks:
        second = bulk.bulk_issue_start(program=program, period="2026-Q3", by=assessor)
    # The two jobs' workers take turns: job 1's first pair, job 2's first pair, …
    for pair in zip(first_tasks, reversed(second_tasks), strict=True):
        for run in pair:
            run()
    first_counts, second_counts = counts(first), counts(second)
    assert Certificate.objects.count() == 9
    assert first_counts[3] + second_counts[3] == 9  # issued: each certificate once
    for status, processed, total, issued, already, skipped in (first_counts, second_counts):
        assert (status, processed, total, skipped) == ("done", 12, 12, 3)
        assert issued + already == 9
    assert 0 < first_counts[3] < 9  # they really raced
    assessor_client.cookies["lms_language"] = "en"
    html = assessor_client.get(f"/assessment/certificates/issue/{second.pk}/").content.decode()
    issued, already = second_counts[3], second_counts[4]
    assert f"{issued} issued, {already} already had one, 3 not certified." in html

"""The bulk issue of ``make load SERVERS=2``: 500 certificates while the exam runs.

``python bench/load/certificates.py setup N``: a certification program (imported scheme) and N
engineers whose on-the-job records of one period certify them. ``… start``: an assessor's bulk
issue of that period, queued for the ``db_worker`` processes (TASKS_BACKEND=database), as the
"Issue" button does. ``… report``: the job's state and how long it took, one line.
"""

import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

WORK = Path(os.environ["LOAD_WORK"])
PERIOD = "2026-Q1"
STATE = WORK / "bulk-issue.json"


def setup(count: int) -> None:
    from assessment.models import MetricRecord
    from assessment.services.schemes import scheme_import
    from certificates.demo import load_branding
    from lms.models import User
    from tests.assessment.factories import scheme_file

    load_branding(stdout=io.StringIO())
    program = scheme_import(
        data=scheme_file(program={"code": "LOAD-L1", "name": "压测认证", "validity_months": 24}),
        activate=True,
    ).program
    users = User.objects.bulk_create(
        User(
            username=f"engineer{n:04d}",
            employee_id=f"E{n:05d}",
            display_name=f"压测工程师{n}",
            email=f"engineer{n:04d}@example.com",
            password="!",
        )
        for n in range(count)
    )
    values = {"first_time_fix_rate": 95, "repeat_repair_rate": 1, "peer_teamwork_rating": 4.5}
    now = timezone.now()
    MetricRecord.objects.bulk_create(
        MetricRecord(
            employee=user, indicator=code, period=PERIOD, value=value, created_at=now,
            updated_at=now,
        )
        for user in users
        for code, value in values.items()
    )  # fmt: skip
    STATE.write_text(json.dumps({"program": program.pk}))
    print(f"  {count} engineers ready for a bulk issue of certificates ({PERIOD})")


def start() -> None:
    from assessment.models import Program
    from certificates import bulk

    state = json.loads(STATE.read_text())
    with transaction.atomic():
        job = bulk.bulk_issue_start(program=Program.objects.get(pk=state["program"]), period=PERIOD)
    state["job"] = job.pk
    STATE.write_text(json.dumps(state))
    print(f"  bulk issue of {job.total} certificates queued for the task workers")


def report() -> None:
    from certificates.models import BulkIssueJob

    state = json.loads(STATE.read_text())
    if "job" not in state:
        return
    job = BulkIssueJob.objects.get(pk=state["job"])
    end = job.finished_at or timezone.now()
    seconds = (end - job.created_at).total_seconds()
    verb = "took" if job.finished_at else "still running after"
    print(
        f"bulk issue during the exam: {job.status}, {job.processed} of {job.total}, "
        f"{job.issued} issued; {verb} {seconds:.0f} s"
    )


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        setup(int(sys.argv[2]))
    elif command == "start":
        start()
    else:
        report()

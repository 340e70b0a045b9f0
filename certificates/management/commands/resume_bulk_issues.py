"""``manage.py resume_bulk_issues [--worker-id ID …]``."""

from django.core.management.base import BaseCommand

from certificates import bulk


class Command(BaseCommand):
    help = (
        "Queue again the bulk issue tasks whose db_worker died: those of the workers named with "
        "--worker-id (run it before starting a worker under the same id), and those with no sign "
        "of their worker for CERTIFICATE_BULK_ISSUE_STALLED_AFTER seconds (run it every minute). "
        "The next worker takes them and skips the engineers already done."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id",
            action="append",
            default=[],
            dest="worker_ids",
            help="A worker that is not running (repeat for several).",
        )

    def handle(self, *args, worker_ids, **options):
        resumed = bulk.bulk_issue_resume(dead_worker_ids=worker_ids)
        if resumed == 1:
            self.stdout.write("1 task of a dead worker queued again.")
        else:
            self.stdout.write(f"{resumed} tasks of dead workers queued again.")

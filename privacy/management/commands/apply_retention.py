"""Anonymise or delete what is older than the retention settings (decision 1002)."""

from django.core.management.base import BaseCommand

from privacy import retention


class Command(BaseCommand):
    help = (
        "Apply RETAIN_ATTEMPTS_DAYS, RETAIN_CASE_REPORTS_DAYS, RETAIN_ACCESS_LOG_DAYS and "
        "RETAIN_DEACTIVATED_PEOPLE_DAYS, and report what was done."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be done; change nothing."
        )

    def handle(self, *args, dry_run, **options):
        report = retention.apply_retention(dry_run=dry_run)
        self.stdout.write("Dry run, nothing changed. Would do:" if dry_run else "Done:")
        if not report.done:
            self.stdout.write("  nothing: no retention period is set (RETAIN_*_DAYS).")
        for name, count in report.done.items():
            self.stdout.write(f"  {name}: {count}")
        for line in report.kept:
            self.stdout.write(f"  kept (refused): {line}")

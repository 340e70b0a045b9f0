"""Erase one person's personal data, keeping an anonymous record (decision 1002)."""

from django.core.management.base import BaseCommand, CommandError

from privacy import services


class Command(BaseCommand):
    help = (
        "Erase a person: their account becomes an anonymous record (已注销人员 #N); names, "
        "contact data, free text and files are removed; numbers stay for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("employee_id", help="The person's employee ID, e.g. E1001.")
        parser.add_argument("--reason", default="", help="Why (kept in the audit trail).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would change; change nothing."
        )

    def handle(self, *args, employee_id, reason, dry_run, **options):
        try:
            person = services.find_person(employee_id)
            report = services.erase_person(person, reason=reason, dry_run=dry_run)
        except services.ErasureRefused as error:
            raise CommandError(f"Not erased: {error}") from error
        head = "Would change (dry run, nothing changed):" if dry_run else "Erased; changed:"
        self.stdout.write(f"{head} {employee_id} → {report.label}")
        for line in report.lines():
            self.stdout.write(f"  {line}")

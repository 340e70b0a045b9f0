"""Write one person's data to a zip (decision 1002)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from privacy import services


class Command(BaseCommand):
    help = (
        "Export one person's data (profile, progress, attempts with answers, case reports and "
        "their files, marks, metrics, peer ratings received, scorecards, certificates, appeals, "
        "audit entries) as a zip with a JSON file and an XLSX workbook."
    )

    def add_arguments(self, parser):
        parser.add_argument("employee_id", help="The person's employee ID, e.g. E1001.")
        parser.add_argument("--output", required=True, help="The zip file to write.")

    def handle(self, *args, employee_id, output, **options):
        try:
            person = services.find_person(employee_id)
        except services.ErasureRefused as error:
            raise CommandError(str(error)) from error
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        path.write_bytes(services.export_personal_data(person))
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({path.stat().st_size} bytes)."))

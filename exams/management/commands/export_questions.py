"""Export the question bank as Moodle GIFT, CSV or XLSX."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exams.services.bank import FORMATS, ImportFailed, questions_export


class Command(BaseCommand):
    help = "Export the question bank (or one category and its subcategories) to a file."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="gift")
        parser.add_argument("--category", default="", help="Only this category path.")
        parser.add_argument(
            "--output", "-o", help="File to write (default: standard output; needed for xlsx)."
        )

    def handle(self, *args, format="gift", category="", output=None, **options):
        if format == "xlsx" and not output:
            raise CommandError("XLSX is binary: give --output FILE.")
        try:
            data = questions_export(fmt=format, category_path=category)
        except ImportFailed as failure:
            raise CommandError(str(failure)) from None
        if output:
            Path(output).write_bytes(data)
            self.stderr.write(f"Wrote {output} ({len(data)} bytes).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")

"""Import a question file (Moodle GIFT, CSV or XLSX) into the bank, all or nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exams.services.bank import FORMATS, ImportFailed, guess_format, questions_import


class Command(BaseCommand):
    help = (
        "Import questions from a Moodle GIFT, CSV or XLSX file. A file with any bad entry "
        "writes nothing and every problem is reported with its line number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the question file.")
        parser.add_argument(
            "--format", choices=FORMATS, help="File format (default: from the file name)."
        )
        parser.add_argument(
            "--category",
            default="",
            help="Base category path, e.g. '售后工程师考核课程/模块一' (created if missing).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the report as JSON."
        )

    def handle(self, *args, file, format=None, category="", dry_run=False, as_json=False, **opts):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        fmt = format or guess_format(path.name)
        if fmt is None:
            raise CommandError(
                "Cannot tell the format from the file name; use --format gift, csv or xlsx."
            )
        try:
            report = questions_import(
                data=path.read_bytes(), fmt=fmt, category_path=category, dry_run=dry_run
            )
        except ImportFailed as failure:
            if as_json:
                self.stdout.write(
                    _json({"ok": False, "problems": [str(p) for p in failure.problems]})
                )
            lines = "\n".join(f"  {problem}" for problem in failure.problems)
            raise CommandError(
                f"{path.name}: {len(failure.problems)} problem(s), nothing imported:\n{lines}"
            ) from None
        if as_json:
            self.stdout.write(
                _json(
                    {
                        "ok": True,
                        "dry_run": report.dry_run,
                        "questions": report.questions,
                        "by_type": report.by_kind,
                        "categories_created": report.categories_created,
                        "tags_created": report.tags_created,
                    }
                )
            )
            return
        verb = "would be imported (dry run)" if dry_run else "imported"
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(report.by_kind.items()))
        self.stdout.write(self.style.SUCCESS(f"{report.questions} question(s) {verb}: {kinds}."))
        for name in report.categories_created:
            self.stdout.write(f"  new category: {name}")
        for slug in report.tags_created:
            self.stdout.write(f"  new tag: {slug}")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

"""``manage.py import_people FILE [--dry-run] [--deactivate-missing] [--format table|json]``"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.roster_file import max_bytes, too_large_message
from people.services.roster import ImportFailed, roster_import


class Command(BaseCommand):
    help = "Import people from an HR roster (CSV in UTF-8 or GBK, or XLSX); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="Deactivate people with an employee id who are not in the file.",
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            if path.stat().st_size > max_bytes():
                raise CommandError(too_large_message(), returncode=1)
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from None
        try:
            report = roster_import(
                data=data,
                filename=path.name,
                dry_run=options["dry_run"],
                deactivate_missing=options["deactivate_missing"],
            )
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            count = len(failure.errors)
            raise CommandError(
                ngettext(
                    "nothing was imported: %(count)s error",
                    "nothing was imported: %(count)s errors",
                    count,
                )
                % {"count": count},
                returncode=1,
            ) from None
        counts = report.counts()
        if options["format"] == "json":
            self.stdout.write(json.dumps(counts))
            return
        self.stdout.write(table(counts, dry_run=report.dry_run))


def table(counts: dict, *, dry_run: bool) -> str:
    lines = [
        (_("Created"), counts["created"]),
        (_("Updated"), counts["updated"]),
        (_("Deactivated"), counts["deactivated"]),
        (_("Unchanged"), counts["unchanged"]),
    ]
    width = max(len(label) for label, _count in lines)
    text = "\n".join(f"{label.ljust(width)}  {count}" for label, count in lines)
    note = _("Dry run: nothing was written.") if dry_run else _("The roster was imported.")
    return f"{text}\n{note}"

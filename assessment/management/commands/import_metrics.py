"""``manage.py import_metrics FILE [--dry-run]``: import metric records, all or nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessment.errors import ReasonMissing
from assessment.metric_files import MAX_BYTES, expected_columns
from assessment.services import metrics as services

SHOWN_ERRORS = 1000


class Command(BaseCommand):
    help = (
        "Import on-the-job metric records from a CSV (UTF-8 or GBK/GB18030) or XLSX file with "
        "the columns employee_id, indicator, period, value[, source][, note] (or 工号, 指标, 周期, "
        "数值, 来源, 备注). Any bad row stops the import: nothing is written and each fault is "
        "printed as 'line L, column C: message'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and count, but write nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--reason",
            default="",
            help="Why values of finalised scorecards change (required when any do; audit trail).",
        )

    def handle(self, *args, file, dry_run=False, format="text", reason="", **options):
        path = Path(file)
        try:
            result = services.metrics_import_file(
                data=_read(file),
                filename=path.name,
                via=f"command import_metrics {path.name}",
                dry_run=dry_run,
                reason=reason,
            )
        except ReasonMissing as refusal:
            raise CommandError(f"{refusal} (--reason)", returncode=1) from refusal
        if format == "json":
            self._write_json(path=path, dry_run=dry_run, result=result)
        else:
            self._write_errors(result)
        if result.errors:
            count = len(result.errors)
            raise CommandError(
                f"{count} error{'s' if count != 1 else ''} in {path.name}; nothing was imported. "
                f"Columns: {expected_columns()}.",
                returncode=1,
            )
        if format != "json":
            self._write_summary(path=path, dry_run=dry_run, result=result)

    def _write_json(self, *, path, dry_run, result):
        """The result as one JSON object: counts (0 when there are errors) and the errors."""
        plan = result.plan
        self.stdout.write(
            json.dumps(
                {
                    "file": path.name,
                    "dry_run": dry_run,
                    "rows": result.row_count,
                    "created": plan.count(services.CREATE) if not result.errors else 0,
                    "updated": plan.count(services.UPDATE) if not result.errors else 0,
                    "unchanged": plan.count(services.UNCHANGED) if not result.errors else 0,
                    "errors": [
                        {"line": e.line, "column": e.column, "message": e.message}
                        for e in result.errors
                    ],
                },
                ensure_ascii=False,
            )
        )

    def _write_errors(self, result):
        """The first ``SHOWN_ERRORS`` errors to stderr, one a line, then how many more."""
        for error in result.errors[:SHOWN_ERRORS]:
            self.stderr.write(str(error))
        if len(result.errors) > SHOWN_ERRORS:
            self.stderr.write(f"… and {len(result.errors) - SHOWN_ERRORS} more errors")

    def _write_summary(self, *, path, dry_run, result):
        """One line: what the import did, or what a dry run would do."""
        plan = result.plan
        counts = (
            plan.count(services.CREATE),
            plan.count(services.UPDATE),
            plan.count(services.UNCHANGED),
        )
        if dry_run:
            self.stdout.write(
                f"Dry run of {path.name}, nothing written: {result.row_count} rows would create "
                f"{counts[0]}, update {counts[1]} and leave {counts[2]} unchanged."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {path.name}: {counts[0]} created, {counts[1]} updated, "
                    f"{counts[2]} unchanged."
                )
            )


def _read(file: str) -> bytes:
    """The file's bytes; a clear CommandError when it is too large or cannot be read."""
    path = Path(file)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file} is larger than 20 MB; split it into smaller files.")
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc

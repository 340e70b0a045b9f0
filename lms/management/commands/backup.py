"""``manage.py backup --output DIR``: a backup of the database and every stored file.

DIR must be new or empty. It receives the database dump (``database.sqlite3`` or
``database.pgdump``), the files of each storage under ``files/<storage>/`` and, last,
``manifest.json`` with each file's size and sha256 (docs/operations.md).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.backup import BackupError
from lms.backup.services import backup_write


class Command(BaseCommand):
    help = "Write a backup of the database and every stored file, with a manifest, to DIR."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="A new or empty directory.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, output, format, **options):
        try:
            manifest = backup_write(directory=output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts = {alias: len(entries) for alias, entries in manifest["storages"].items()}
        if format == "json":
            summary = {"directory": str(output), "files": counts, **manifest["database"]}
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        stored = ", ".join(f"{count} in {alias}" for alias, count in counts.items())
        self.stdout.write(
            f"Database ({manifest['database']['vendor']}): {manifest['database']['file']}, "
            f"{manifest['database']['size']} bytes.\nFiles: {stored or 'none'}."
        )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output}."))

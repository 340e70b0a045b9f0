"""``manage.py restore DIR``: restore a backup written by ``manage.py backup``.

Refuses a target that holds data (rows in the project's tables, or stored files) unless
``--force``; checks the whole backup against its manifest before changing anything; restores
the database, then the files, and checks the restored files (docs/operations.md).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.backup import BackupError
from lms.backup.database import pending_migrations
from lms.backup.services import backup_restore


class Command(BaseCommand):
    help = "Restore a backup (database and files) into this site's empty database and storage."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="The backup's directory.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and the backed-up files even though the target holds data.",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, directory, force, format, **options):
        try:
            manifest = backup_restore(
                directory=directory, force=force, warn=lambda line: self.stderr.write(line)
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = {alias: len(entries) for alias, entries in manifest["storages"].items()}
        pending = pending_migrations(manifest["migrations"])
        if format == "json":
            summary = {
                "directory": str(directory),
                "created_at": manifest["created_at"],
                "files": files,
                "pending_migrations": pending,
            }
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        counts = ", ".join(f"{count} in {alias}" for alias, count in files.items())
        self.stdout.write(
            f"Restored the database of {manifest['created_at']} and the files ({counts}); "
            "every file matches the manifest."
        )
        if pending:
            self.stdout.write(
                f"{len(pending)} migrations of this version are not applied yet: "
                "run `manage.py migrate`."
            )
        self.stdout.write(self.style.SUCCESS(f"Backup {directory} restored."))

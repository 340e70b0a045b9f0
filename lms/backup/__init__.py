"""Backup and restore of a whole site: the database, every stored file and a manifest.

``manage.py backup --output DIR`` and ``manage.py restore DIR`` are the commands; this package
does the work (docs/operations.md, docs/decisions/0901-backup-and-restore.md):

- :mod:`lms.backup.manifest` — the manifest: what a backup holds, its checks, the version;
- :mod:`lms.backup.database` — the dump and its restore (SQLite's online backup, pg_dump);
- :mod:`lms.backup.files` — the files of every storage in ``STORAGES``, through the Storage API;
- :mod:`lms.backup.services` — ``backup_write`` and ``backup_restore``, the two operations.

Every refusal is a :class:`BackupError` with a message for the operator.
"""


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why and what to do."""

"""The database part of a backup: a consistent dump, its restore, and what the target holds.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the database page by
  page as of one moment while the site keeps running; the copy is switched out of WAL mode so
  it is one self-contained file. Restoring copies it into the target the same way, schema and
  all, so the target needs no ``migrate`` first.
- PostgreSQL: ``pg_dump --format=custom`` (one snapshot, consistent while the site runs) and
  ``pg_restore --clean --if-exists --single-transaction``: either the whole dump is restored or
  nothing is. The client tools must be at least the server's major version (Debian keeps one set
  per version under /usr/lib/postgresql/<major>/bin, tried first, then the PATH).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from lms.backup import BackupError

DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def vendor() -> str:
    if connection.vendor not in DUMP_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def applied_migrations() -> list[str]:
    """``app.migration`` of every migration the database records as applied, sorted."""
    if MigrationRecorder.Migration._meta.db_table not in connection.introspection.table_names():
        return []
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def unknown_migrations(names: list[str]) -> list[str]:
    """Those of ``names`` that this code does not have on disk (made by a newer version)."""
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [name for name in names if tuple(name.split(".", 1)) not in on_disk]


def pending_migrations(applied: list[str]) -> list[str]:
    """Migrations of this code that are not among ``applied``."""
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    done = set(applied)
    return sorted(f"{app}.{name}" for app, name in on_disk if f"{app}.{name}" not in done)


def accounts() -> int:
    """How many user accounts the database holds (0 when it has no tables yet). Every record
    of the site (progress, attempts, reports, scorecards, certificates) belongs to an account,
    and ``migrate`` creates none, though its data migrations fill a few tables (Wagtail's root
    page, the course index pages, question tags): no account means nothing to lose."""
    table = get_user_model()._meta.db_table
    if table not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


def dump(path: Path) -> dict:
    """Write a consistent dump of the database to ``path``; what the manifest records of it
    beyond the file (server and tool versions)."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be made inside a database transaction.")
    if vendor() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        return {"server_version": sqlite3.sqlite_version}
    server = server_major()
    tool, tool_version = postgres_tool("pg_dump", at_least=server)
    _run([tool, "--format=custom", "--no-owner", "--no-privileges", "--file", str(path)])
    return {"server_version": str(connection.pg_version), "pg_dump_version": tool_version}


def load(path: Path, manifest_database: dict) -> None:
    """Replace the target database by the dump at ``path`` (already checked)."""
    if vendor() == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
            connection.close()
        return
    made_by = _major(manifest_database.get("pg_dump_version", "0"))
    tool, _version = postgres_tool("pg_restore", at_least=max(made_by, server_major()))
    name = connection.settings_dict["NAME"]
    connection.close()
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            name,
            str(path),
        ]
    )


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _major(version: str) -> int:
    """The major version in ``15.18``, ``17`` or ``pg_dump (PostgreSQL) 15.18 (Debian …)``."""
    match = re.search(r"(?:PostgreSQL\)\s*)?(\d+)", version)
    return int(match.group(1)) if match else 0


def postgres_tool(name: str, *, at_least: int) -> tuple[str, str]:
    """The path and version of ``pg_dump``/``pg_restore`` of major version ``at_least`` or
    newer: Debian's /usr/lib/postgresql/<major>/bin first (the newest), then the PATH."""
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda found: _major(found.split("/")[4]),
        reverse=True,
    )
    if shutil.which(name):
        candidates.append(shutil.which(name))
    seen = []
    for candidate in candidates:
        try:
            output = subprocess.run(  # noqa: S603 - a PostgreSQL tool found above
                [candidate, "--version"], capture_output=True, text=True, timeout=30, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        version = output.strip()
        if _major(version) >= at_least:
            return candidate, version
        seen.append(f"{candidate} {version}")
    raise BackupError(
        f"{name} of PostgreSQL {at_least} or newer is needed"
        + (f"; found only {', '.join(seen)}" if seen else "; none found")
        + f". Install postgresql-client-{at_least} (from the PostgreSQL apt repository when "
        "the distribution's is older; docs/operations.md)."
    )


def _postgres_environment() -> dict:
    """libpq's variables for the database Django uses: no password on a command line."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in (
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    options = db.get("OPTIONS") or {}
    for key, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_postgres_environment(), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed (exit {result.returncode}): {result.stderr.strip()}")

"""The two operations: write a backup of this site, restore one into it.

``backup_write`` dumps the database first and copies the files after, then writes the
manifest last: a file the dump refers to was stored before the dump began (files are never
changed in place, only added or deleted), and a backup cut short has no manifest.

``backup_restore`` changes nothing until every check passed: the directory holds a manifest of
this format, the database vendors match, this code knows every migration the backup's database
had, the target is empty (or ``force``), and every file of the backup matches the manifest.
Then it restores the database, then the files, and reads every restored file back against the
manifest. A backup made by another version of the application is restored with a warning;
one whose database has migrations this code does not know is refused (docs/decisions/0901).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from django.core.cache import caches
from django.utils import timezone

from lms.backup import BackupError, database, files, manifest

MAX_LISTED = 10


def backup_write(*, directory: Path) -> dict:
    """Write a backup of the database and every storage into ``directory`` (new or empty);
    the manifest. A failure removes what was written."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(f"{directory} is not an empty directory; write each backup to a new one.")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        return _write(directory)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise


def _write(directory: Path) -> dict:
    created_at = timezone.now()
    vendor = database.vendor()
    dump_path = directory / database.DUMP_FILES[vendor]
    details = database.dump(dump_path)
    contents = {
        "format": manifest.FORMAT,
        "format_version": manifest.FORMAT_VERSION,
        "created_at": created_at.isoformat(),
        "finished_at": None,
        "application": manifest.application_version(),
        "migrations": database.applied_migrations(),
        "database": {
            "vendor": vendor,
            "file": dump_path.name,
            "size": dump_path.stat().st_size,
            "sha256": manifest.sha256_of(dump_path),
            **details,
        },
        "storages": {alias: files.copy_out(directory, alias) for alias in files.storage_aliases()},
    }
    contents["finished_at"] = timezone.now().isoformat()
    manifest.write(directory, contents)
    return contents


def backup_restore(
    *, directory: Path, force: bool = False, warn: Callable[[str], None] = print
) -> dict:
    """Restore the backup in ``directory`` into this site's database and storages; the
    manifest. Raises BackupError, having changed nothing, when a check before the restore
    fails; after it, when a restored file does not match the manifest."""
    contents = manifest.read(directory)
    _check_compatible(contents, warn)
    if not force:
        _check_empty(list(contents["storages"]))
    damaged = manifest.problems(directory, contents)
    if damaged:
        raise BackupError("The backup is damaged; nothing was changed.\n" + _listed(damaged))
    database.load(directory / contents["database"]["file"], contents["database"])
    for alias, entries in sorted(contents["storages"].items()):
        files.copy_in(directory, alias, entries)
    different = [
        line
        for alias, entries in sorted(contents["storages"].items())
        for line in files.differences(alias, entries)
    ]
    if different:
        raise BackupError(
            "Restored, but these files do not match the backup:\n" + _listed(different)
        )
    _clear_caches(warn)
    return contents


def _check_compatible(contents: dict, warn: Callable[[str], None]) -> None:
    vendor, target = contents["database"]["vendor"], database.vendor()
    if vendor != target:
        names = database.VENDOR_NAMES
        raise BackupError(
            f"The backup holds a {names.get(vendor, vendor)} database and this site's database "
            f"is {names[target]}: restore it into a {names.get(vendor, vendor)} database "
            "(DATABASE_URL). Nothing was changed."
        )
    unknown_storages = sorted(set(contents["storages"]) - set(files.storage_aliases()))
    if unknown_storages:
        raise BackupError(
            f"The backup has files of storages this site does not configure: "
            f"{', '.join(unknown_storages)} (STORAGES). Nothing was changed."
        )
    unknown = database.unknown_migrations(contents["migrations"])
    if unknown:
        raise BackupError(
            f"The backup was made by a newer version of the application "
            f"({_version(contents['application'])}): its database has migrations this version "
            f"does not know ({', '.join(unknown[:MAX_LISTED])}). Restore it with that version. "
            "Nothing was changed."
        )
    here = manifest.application_version()
    if (here["version"], here["commit"]) != (
        contents["application"]["version"],
        contents["application"].get("commit"),
    ):
        warn(
            f"Warning: the backup was made by version {_version(contents['application'])}; "
            f"this is version {_version(here)}."
        )


def _check_empty(aliases: list[str]) -> None:
    count = database.accounts()
    full = files.storages_with_files(aliases)
    if not count and not full:
        return
    held = []
    if count:
        held.append(f"the database has {count} user accounts")
    if full:
        held.append(f"the storages {', '.join(full)} hold files")
    raise BackupError(
        f"The target is not empty: {'; '.join(held)}. Nothing was changed. Restore into an "
        "empty database and storage, or add --force to replace what is there."
    )


def _clear_caches(warn: Callable[[str], None]) -> None:
    """The caches describe the database that was replaced: empty them."""
    for cache in caches.all(initialized_only=False):
        try:
            cache.clear()
        except Exception as error:  # noqa: BLE001 - any cache failure is only reported
            warn(f"Warning: a cache could not be cleared ({error}); clear it by hand.")


def _version(application: dict) -> str:
    commit = application.get("commit")
    return f"{application.get('version')}" + (f" (commit {commit[:12]})" if commit else "")


def _listed(lines: list[str]) -> str:
    shown = [f"  - {line}" for line in lines[:MAX_LISTED]]
    if len(lines) > MAX_LISTED:
        shown.append(f"  … and {len(lines) - MAX_LISTED} more")
    return "\n".join(shown)

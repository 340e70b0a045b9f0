"""The stored files of a backup: every storage in ``STORAGES`` but the static files (built
from the code by ``collectstatic``), read and written only through Django's Storage API
(``listdir``, ``open``, ``save``, ``delete``), so local disk and object storage work alike."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages

from lms.backup import BackupError
from lms.backup.manifest import CHUNK, stored_file

NOT_BACKED_UP = {"staticfiles"}


def storage_aliases() -> list[str]:
    """The storages to back up, each place once: on local disk ``renditions`` is MEDIA_ROOT,
    ``default``'s folder (its files are under ``images/``), and would be copied twice."""
    found, places = [], set()
    for alias in sorted(alias for alias in settings.STORAGES if alias not in NOT_BACKED_UP):
        place = _place(storages[alias])
        if place not in places:
            places.add(place)
            found.append(alias)
    return found


def _place(storage) -> tuple:
    """Where a storage keeps its files: its bucket and prefix, or its folder."""
    bucket = getattr(storage, "bucket_name", None)
    location = str(getattr(storage, "location", ""))
    if bucket is None and location:
        location = str(Path(location).resolve())
    return (type(storage).__name__, bucket, location)


def stored_names(alias: str) -> Iterator[str]:
    """Every file of the storage, walking its folders with ``listdir``; none when the storage's
    folder does not exist yet."""
    storage = storages[alias]
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, names = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in sorted(names):
            yield posixpath.join(folder, name) if folder else name
        folders += [posixpath.join(folder, sub) if folder else sub for sub in subfolders]


def copy_out(directory: Path, alias: str) -> list[dict]:
    """Copy every file of the storage ``alias`` into the backup; the manifest's entries."""
    storage = storages[alias]
    entries = []
    for name in sorted(stored_names(alias)):
        target = stored_file(directory, alias, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with storage.open(name, "rb") as source, target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        entries.append({"path": name, "size": size, "sha256": digest.hexdigest()})
    return entries


def storages_with_files(aliases: list[str]) -> list[str]:
    """Those of ``aliases`` whose storage holds a file."""
    return [alias for alias in aliases if next(stored_names(alias), None) is not None]


def copy_in(directory: Path, alias: str, entries: list[dict]) -> None:
    """Write the backup's files into the storage ``alias``, replacing a file of the same name."""
    storage = storages[alias]
    for entry in entries:
        name = entry["path"]
        if storage.exists(name):
            storage.delete(name)
        with stored_file(directory, alias, name).open("rb") as source:
            saved = storage.save(name, File(source, name=posixpath.basename(name)))
        if saved != name:
            raise BackupError(f"The {alias} storage saved {name} as {saved}.")


def differences(alias: str, entries: list[dict]) -> list[str]:
    """The files of ``entries`` that the storage lacks or holds with other content."""
    storage = storages[alias]
    found = []
    for entry in entries:
        name = entry["path"]
        if not storage.exists(name):
            found.append(f"{alias}: {name} is missing")
            continue
        digest = hashlib.sha256()
        with storage.open(name, "rb") as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != entry["sha256"]:
            found.append(f"{alias}: {name} differs from the backup")
    return found

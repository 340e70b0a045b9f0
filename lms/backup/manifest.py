"""The manifest of a backup (``manifest.json``): what it holds and how to check it.

It is written last, so a backup cut short has none and is not taken for a backup. It names the
database vendor and the dump's size and sha256, each stored file's storage, path, size and
sha256, the application version (pyproject's version and the git commit when known), the
migrations applied to the database and the time the backup was made.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tomllib
from pathlib import Path, PurePosixPath

from django.conf import settings

from lms.backup import BackupError

FORMAT = "service-academy-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES_DIR = "files"
CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def application_version() -> dict:
    """``{"name", "version", "commit"}`` from pyproject.toml and git (commit None without)."""
    with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as stream:
        project = tomllib.load(stream)["project"]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from the PATH
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"name": project["name"], "version": project["version"], "commit": commit or None}


def write(directory: Path, manifest: dict) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
    (directory / MANIFEST).write_text(text + "\n", encoding="utf-8")


def read(directory: Path) -> dict:
    """The manifest of the backup in ``directory``, its shape checked; BackupError when the
    directory is missing or holds no readable backup manifest."""
    if not directory.is_dir():
        raise BackupError(f"{directory} does not exist or is not a directory.")
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{directory} is not a backup: it has no {MANIFEST} (a backup cut short has none)."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not a backup manifest: {error}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a manifest of a Service Academy backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has format version {manifest.get('format_version')!r}; this version of "
            f"the application reads version {FORMAT_VERSION}."
        )
    _check_shape(manifest, path)
    return manifest


def _check_shape(manifest: dict, path: Path) -> None:
    try:
        database = manifest["database"]
        entries = [database["file"], database["sha256"], database["size"], database["vendor"]]
        for alias, files in manifest["storages"].items():
            for entry in files:
                entries += [alias, entry["path"], entry["sha256"], entry["size"]]
                safe_path(entry["path"])
        manifest["migrations"], manifest["application"]["version"]  # noqa: B018
    except (KeyError, TypeError, AttributeError):
        raise BackupError(
            f"{path} is incomplete: it lacks a field a backup manifest has."
        ) from None
    safe_path(database["file"])


def safe_path(name: str) -> PurePosixPath:
    """A relative path without ``..``: a manifest never names a file outside its backup."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise BackupError(f"The manifest names an unsafe path: {name!r}.")
    return path


def stored_file(directory: Path, alias: str, name: str) -> Path:
    """Where the backup keeps ``name`` of the storage ``alias``."""
    return directory / FILES_DIR / alias / safe_path(name)


def problems(directory: Path, manifest: dict) -> list[str]:
    """Every file of the backup that is missing or differs from the manifest (size or sha256),
    the database dump first; empty when the backup is whole."""
    database = manifest["database"]
    wanted = [(directory / safe_path(database["file"]), database["size"], database["sha256"])]
    for alias, files in sorted(manifest["storages"].items()):
        for entry in files:
            path = stored_file(directory, alias, entry["path"])
            wanted.append((path, entry["size"], entry["sha256"]))
    found = []
    for path, size, sha256 in wanted:
        if not path.is_file():
            found.append(f"{path} is missing")
        elif path.stat().st_size != size:
            found.append(f"{path} has {path.stat().st_size} bytes, the manifest says {size}")
        elif sha256_of(path) != sha256:
            found.append(f"{path} does not match its sha256 in the manifest")
    return found

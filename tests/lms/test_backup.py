"""``manage.py backup`` and ``manage.py restore`` (lms.backup, docs/operations.md).

The drill: the demo is backed up in the test's process and restored by a real ``manage.py
restore`` process into an empty database (a new SQLite file, or a second database on the same
PostgreSQL server when the suite runs on PostgreSQL) and empty storage folders; then every
certificate verifies with the same answer, every stored file (the PDFs among them) has the same
sha256 and every finalised scorecard the same, intact, hash. Bad input gets a clear message, an
exit code of 1 and leaves the target as it was.
"""

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from lms.backup import BackupError
from lms.backup.database import postgres_tool
from tests.lms.backup_facts import site_facts
from tests.object_store import PRIVATE_BUCKET

BASE_DIR = Path(settings.BASE_DIR)


def _admin(statement: str) -> None:
    """Run a statement in the PostgreSQL server's maintenance database."""
    db = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute(statement)


@pytest.fixture
def target(tmp_path):
    """The environment of a process whose site is an empty database and empty storage."""
    env = {key: value for key, value in os.environ.items() if key != "LMS_TEST_S3"}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        PYTHONPATH=str(BASE_DIR),
        MEDIA_ROOT=str(tmp_path / "target-media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "target-private"),
    )
    if connection.vendor != "postgresql":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'target.sqlite3'}"
        yield env
        return
    db, name = connection.settings_dict, f"restore_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    env["DATABASE_URL"] = f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{name}"
    yield env
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - manage.py of this checkout
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def facts(env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.lms.backup_facts"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refused(result: subprocess.CompletedProcess, *expected: str) -> None:
    """Exit code 1, each expected text in the message, no traceback."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


def backup(directory: Path) -> Path:
    call_command("backup", "--output", str(directory), stdout=io.StringIO())
    return directory


def test_the_demo_restored_into_an_empty_site_verifies_the_same(
    transactional_db, media_root, private_files, tmp_path, target
):
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    before = site_facts()
    statuses = {answer["status"] for _code, answer in before["verified"].values()}
    assert {"valid", "revoked"} <= statuses
    assert before["scorecards"] and all(intact for _sha, intact in before["scorecards"].values())
    pdfs = [name for name in before["files"] if name.endswith(".pdf")]
    assert len(pdfs) >= len(before["verified"]) > 0
    directory = backup(tmp_path / "backup")

    restored = manage(target, "restore", str(directory))

    assert restored.returncode == 0, restored.stderr
    assert "every file matches the manifest" in restored.stdout
    assert facts(target) == before


def test_a_site_on_local_disk_restored_onto_an_object_store_verifies_the_same(
    transactional_db, media_root, private_files, tmp_path, target, object_store
):
    """Moving a site from local folders to S3-compatible storage is a backup and a restore:
    the restoring process names the object store (FILE_STORAGE=s3, SeaweedFS here) and every
    file goes into its buckets, read back through the Storage API with the same sha256."""
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    before = site_facts()
    directory = backup(tmp_path / "backup")
    prefix = f"restored-{uuid.uuid4().hex[:8]}"  # a site of its own in the store's buckets
    target.update(object_store.environment(prefix))

    restored = manage(target, "restore", str(directory))

    assert restored.returncode == 0, restored.stderr
    assert "every file matches the manifest" in restored.stdout
    assert facts(target) == before
    pdfs = {name for _serial, (name, _sha) in before["certificate_pdfs"].items() if name}
    in_bucket = set(object_store.keys(PRIVATE_BUCKET, f"{prefix}/"))
    assert pdfs and all(f"{prefix}/private/{name}" in in_bucket for name in pdfs)
    assert not any((tmp_path / folder).exists() for folder in ("target-media", "target-private"))


def small_site(name: str) -> None:
    get_user_model().objects.create_user(username=name, password="x")
    storages["private"].save(f"notes/{name}.txt", ContentFile(f"{name}\n".encode()))
    storages["default"].save(f"documents/{name}.txt", ContentFile(f"{name}\n".encode()))


def test_restore_refuses_bad_input_leaving_the_target_as_it_was_and_replaces_it_with_force(
    transactional_db, media_root, private_files, tmp_path, target
):
    small_site("first")
    first = backup(tmp_path / "first")
    small_site("second")
    second, spoiled = backup(tmp_path / "second"), backup(tmp_path / "spoiled")
    assert manage(target, "restore", str(first)).returncode == 0
    held = facts(target)
    assert held["users"] == ["first"]

    refused(manage(target, "restore", str(second)), "The target is not empty", "--force")
    altered = stored(spoiled, "private", "notes/second.txt")
    altered.write_text("changed\n")
    refused(manage(target, "restore", "--force", str(spoiled)), "damaged", str(altered))
    (spoiled / "manifest.json").unlink()
    refused(manage(target, "restore", "--force", str(spoiled)), "is not a backup", "manifest.json")
    refused(manage(target, "restore", str(tmp_path / "nowhere")), "does not exist")
    assert facts(target) == held

    forced = manage(target, "restore", "--force", "--format", "json", str(second))
    assert forced.returncode == 0, forced.stderr
    assert json.loads(forced.stdout)["files"] == {"default": 2, "private": 2}
    assert json.loads(forced.stdout)["pending_migrations"] == []
    replaced = facts(target)
    assert replaced["users"] == ["first", "second"]
    assert "private:notes/second.txt" in replaced["files"]


def stored(directory: Path, alias: str, name: str) -> Path:
    return directory / "files" / alias / name


def test_a_backup_writes_a_manifest_of_every_file_with_its_sha256(
    transactional_db, media_root, private_files, tmp_path
):
    small_site("first")
    directory = backup(tmp_path / "backup")

    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert (directory / manifest["database"]["file"]).stat().st_size == manifest["database"]["size"]
    assert manifest["application"]["version"] == "0.1.0"
    assert "lms.0001_initial" in manifest["migrations"]
    private = {entry["path"]: entry for entry in manifest["storages"]["private"]}
    assert private["notes/first.txt"]["size"] == len("first\n")
    assert private["notes/first.txt"]["sha256"] == (
        "b640e840b19d378660b32fb51ae18d67dccb4a8596a29e7bd72c1b2ae5928f41"
    )


def test_a_backup_goes_only_into_a_new_or_empty_directory(transactional_db, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "something").write_text("kept")

    with pytest.raises(CommandError, match="not an empty directory"):
        backup(tmp_path / "old")
    assert (tmp_path / "old" / "something").read_text() == "kept"


def rewrite_manifest(directory: Path, change) -> None:
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def other_vendor(manifest):
    manifest["database"]["vendor"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"


def newer_migration(manifest):
    manifest["migrations"].append("lms.9999_from_the_future")


def truncated_dump(directory: Path) -> Path:
    manifest = json.loads((directory / "manifest.json").read_text())
    dump = directory / manifest["database"]["file"]
    dump.write_bytes(dump.read_bytes()[: manifest["database"]["size"] // 2])
    return dump


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda d: rewrite_manifest(d, other_vendor), "restore it into a"),
        (lambda d: rewrite_manifest(d, newer_migration), "made by a newer version"),
        (truncated_dump, "damaged"),
        (lambda d: (d / "manifest.json").write_text("{not json"), "is not a backup manifest"),
    ],
    ids=["other-vendor", "newer-migrations", "truncated-dump", "unreadable-manifest"],
)
def test_restore_changes_nothing_when_a_check_fails(
    transactional_db, media_root, private_files, tmp_path, spoil, message
):
    small_site("first")
    directory = backup(tmp_path / "backup")
    storages["private"].delete("notes/first.txt")
    get_user_model().objects.update(username="renamed")
    spoil(directory)

    with pytest.raises(CommandError, match=message):
        call_command("restore", "--force", str(directory), stdout=io.StringIO())

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["renamed"]
    assert not storages["private"].exists("notes/first.txt")


def test_a_database_fresh_from_migrate_is_an_empty_target(
    transactional_db, media_root, private_files, tmp_path
):
    """Its data migrations fill a few tables (course index pages, tags) but it has no account."""
    small_site("first")
    directory = backup(tmp_path / "backup")
    get_user_model().objects.all().delete()
    storages["private"].delete("notes/first.txt")
    storages["default"].delete("documents/first.txt")

    call_command("restore", str(directory), stdout=io.StringIO())

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["first"]
    assert storages["private"].open("notes/first.txt").read() == b"first\n"


def test_a_postgresql_tool_older_than_the_server_is_refused_saying_what_to_install():
    with pytest.raises(BackupError, match=r"pg_dump of PostgreSQL 99 or newer is needed") as error:
        postgres_tool("pg_dump", at_least=99)
    assert "Install postgresql-client-99" in str(error.value)

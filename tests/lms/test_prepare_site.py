import io
import logging
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder

from certificates.models import Certificate
from lms.management.commands.prepare_site import local_base_url, migrations_missing_on_disk

pytestmark = pytest.mark.django_db

# Rows that a database made before the apps were split (issue 13) has in django_migrations.
OLD_LAYOUT_ROWS = [
    ("exams", "0002_casemarkscore_ordering_by_mark_id"),
    ("certificates", "0001_assessment"),
]


def test_loads_demo_data_into_an_empty_database_and_keeps_existing_data(
    settings, monkeypatch, caplog, pdf_file
):
    settings.DEBUG = True
    monkeypatch.delenv("BASE_URL", raising=False)
    caplog.set_level(logging.INFO)
    out = io.StringIO()
    call_command("prepare_site", "--port", "8123", stdout=out)
    output = out.getvalue()
    assert "http://127.0.0.1:8123/" in output
    assert "learner" in output and "demo-2026" in output
    # One line per step, without Wagtail's page log (the emails: the subprocess tests below;
    # in a test's transaction they are never sent).
    assert not [record for record in caplog.records if record.name == "wagtail"]
    assert len(output.splitlines()) < 30, output
    # The verification URL of the demo's certificates follows the port (it is printed under
    # the QR code, which is drawn from the same URL: tests/certificates/test_pdf.py).
    certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
    verify_url = f"http://127.0.0.1:8123/verify/{certificate.code}/"
    assert verify_url in pdf_file(certificate.read_pdf()).text()
    assert settings.BASE_URL == "http://127.0.0.1:8000"  # only for the command's run

    User = get_user_model()
    learner = User.objects.get(username="learner")
    learner.display_name = "王小明（已改名）"
    learner.save()

    call_command("prepare_site", stdout=io.StringIO())
    learner.refresh_from_db()
    assert learner.display_name == "王小明（已改名）"


def test_verbosity_2_shows_the_page_log(settings, caplog):
    """What `VERBOSE=1 make run` passes."""
    settings.DEBUG = True
    caplog.set_level(logging.INFO)
    call_command("prepare_site", verbosity=2, stdout=io.StringIO())
    published = [r for r in caplog.records if r.getMessage().startswith("Published:")]
    assert published and published[0].name == "wagtail"


def test_an_explicit_base_url_is_kept_whatever_the_port(settings, monkeypatch):
    monkeypatch.setenv("BASE_URL", "https://academy.example.com")
    assert local_base_url("8123") is None
    monkeypatch.delenv("BASE_URL")
    assert local_base_url("8123") == "http://127.0.0.1:8123"
    assert local_base_url(None) is None


def test_a_current_database_has_no_missing_migrations_and_the_check_costs_two_queries(
    django_assert_max_num_queries,
):
    with django_assert_max_num_queries(2):
        assert migrations_missing_on_disk() == []


def test_an_old_layout_database_outside_var_is_refused_and_left_alone():
    """The test database is not the demo one under var/: nothing is moved or changed."""
    for app, name in OLD_LAYOUT_ROWS:
        MigrationRecorder.Migration.objects.create(app=app, name=name)
    get_user_model().objects.create_user(username="keeper")

    assert migrations_missing_on_disk() == sorted(OLD_LAYOUT_ROWS)
    with pytest.raises(CommandError) as raised:
        call_command("prepare_site", stdout=io.StringIO())
    message = str(raised.value)
    assert "older layout" in message
    assert "certificates.0001_assessment, exams.0002_casemarkscore_ordering_by_mark_id" in message
    assert "make run" in message
    assert get_user_model().objects.filter(username="keeper").exists()
    assert MigrationRecorder.Migration.objects.filter(name="0001_assessment").exists()


# --- Real SQLite files, with the development settings, in subprocesses ---


def run_manage(*args, var_dir, database_url=None):
    dropped = {
        "DJANGO_SETTINGS_MODULE", "LMS_VAR_DIR", "DATABASE_URL", "CACHE_URL", "DEBUG",
        "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STATIC_ROOT", "CERTIFICATE_FONTS_DIR", "EMAIL_URL",
        "BASE_URL", "PORT",
    }  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env |= {
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "LMS_VAR_DIR": str(var_dir),
        # The common cut built by `make` (the demo's certificates render faster with it).
        "CERTIFICATE_FONTS_DIR": str(settings.CERTIFICATE_FONTS_DIR),
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def query(path, sql, *params):
    with sqlite3.connect(path) as database:
        return database.execute(sql, params).fetchall()


def usernames(path):
    return {name for (name,) in query(path, "SELECT username FROM lms_user")}


def add_old_layout_rows(path):
    with sqlite3.connect(path) as database:
        database.executemany(
            "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, '2026-11-01')",
            OLD_LAYOUT_ROWS,
        )


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """A database of the current layout with one user of its own (no demo data: fast)."""
    var_dir = tmp_path_factory.mktemp("template-var")
    code = (
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "from lms.models import User; User.objects.create_user(username='keeper')"
    )
    result = run_manage("shell", "-c", code, var_dir=var_dir)
    assert result.returncode == 0, result.stderr
    return var_dir / "db.sqlite3"


@pytest.fixture
def var_dir(tmp_path, migrated_database):
    folder = tmp_path / "var"
    folder.mkdir()
    shutil.copy(migrated_database, folder / "db.sqlite3")
    return folder


def test_a_current_var_database_is_left_as_it_is(var_dir):
    result = run_manage("prepare_site", var_dir=var_dir)
    assert result.returncode == 0, result.stderr
    assert "older layout" not in result.stdout
    assert "loading the demo data" not in result.stdout
    assert sorted(path.name for path in var_dir.glob("db.sqlite3*")) == ["db.sqlite3"]
    assert usernames(var_dir / "db.sqlite3") == {"keeper"}


def test_an_old_layout_var_database_is_kept_aside_and_rebuilt_with_the_demo_data(var_dir):
    database = var_dir / "db.sqlite3"
    add_old_layout_rows(database)

    result = run_manage("prepare_site", "--port", "8123", var_dir=var_dir)
    assert result.returncode == 0, result.stderr
    assert f"The demo database {database} was made by an older layout of the apps; " in (
        result.stdout
    )
    assert "rebuilding it with fresh demo data." in result.stdout
    assert "certificates.0001_assessment, exams.0002_casemarkscore_ordering_by_mark_id" in (
        result.stdout
    )
    kept = var_dir / "db.sqlite3.old-layout"
    assert f"The old database is kept as {kept}." in result.stdout
    assert usernames(kept) == {"keeper"}
    assert set(OLD_LAYOUT_ROWS) <= set(query(kept, "SELECT app, name FROM django_migrations"))
    # The new one is the demo site of this layout.
    assert {"learner", "trainer", "assessor", "admin"} <= usernames(database)
    assert "keeper" not in usernames(database)
    rows = query(database, "SELECT app, name FROM django_migrations")
    assert not set(OLD_LAYOUT_ROWS) & set(rows)
    assert ("cases", "0001_initial") in rows
    assert "Demo logins" in result.stdout
    # Quiet: no page log, no email printed whole (development's console email backend).
    assert "Published:" not in result.stderr
    assert "Subject:" not in result.stdout
    assert "demo emails sent, not printed" in result.stdout
    assert "127.0.0.1:8000" not in result.stdout


def test_verbose_prints_the_demo_emails_whose_links_follow_the_port(tmp_path):
    """`VERBOSE=1 PORT=8123 make run` on a new checkout: development settings, no database."""
    var_dir = tmp_path / "var"
    result = run_manage("prepare_site", "--port", "8123", "--verbosity", "2", var_dir=var_dir)
    assert result.returncode == 0, result.stderr
    assert "Published:" in result.stderr
    assert "Subject:" in result.stdout
    assert "http://127.0.0.1:8123/attempts/" in result.stdout  # an exam result's email
    assert "127.0.0.1:8000" not in result.stdout


def test_an_old_layout_sqlite_file_outside_var_is_refused_and_left_alone(var_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere.sqlite3"
    shutil.move(var_dir / "db.sqlite3", elsewhere)
    add_old_layout_rows(elsewhere)
    migrations = query(elsewhere, "SELECT app, name FROM django_migrations ORDER BY id")

    result = run_manage("prepare_site", var_dir=var_dir, database_url=f"sqlite:///{elsewhere}")
    assert result.returncode == 1
    assert f"The SQLite database {elsewhere} was made by an older layout of the apps" in (
        result.stderr
    )
    assert "certificates.0001_assessment, exams.0002_casemarkscore_ordering_by_mark_id" in (
        result.stderr
    )
    assert "move that file away" in result.stderr
    assert query(elsewhere, "SELECT app, name FROM django_migrations ORDER BY id") == migrations
    assert usernames(elsewhere) == {"keeper"}
    assert list(tmp_path.glob("*.old-layout*")) == []
    assert list(var_dir.iterdir()) == [var_dir / "secret_key"]

"""Bring a development site up to date in one process (used by ``make run``).

Migrates the database, loads the demo data when the database has no user yet, and prints the
demo logins. Running it again only applies new migrations: existing data is kept.

``--port`` is the port the site will be served on: unless the environment sets ``BASE_URL``,
every absolute link the demo writes (verification URLs and QR codes of the certificates it
issues, links in its emails) points to ``http://127.0.0.1:<port>``, as ``make run`` serves it.

It prints one line per step. The demo's page log (Wagtail logs every page it creates and
publishes) and its emails (printed whole by the console email backend of development) are
shown only with ``--verbosity 2`` (``VERBOSE=1 make run``); otherwise the emails are counted.

A database made by an older layout of the apps (one whose ``django_migrations`` names project
migrations that are no longer on disk, see docs/decisions/0009-one-app-per-domain.md) cannot be
migrated. The demo database under ``var/`` is then moved aside (kept as
``var/db.sqlite3.old-layout``) and rebuilt with fresh demo data; any other database is left
alone and the command stops with a message saying what to do.
"""

import logging
import os
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings

from lms import demo

# The apps of this project; third-party apps' migrations are theirs to manage.
PROJECT_APPS = ("lms", "courses", "exams", "cases", "assessment", "certificates")
OLD_LAYOUT_SUFFIX = ".old-layout"
CONSOLE_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
LOCMEM_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def local_base_url(port: str | None) -> str | None:
    """``http://127.0.0.1:<port>`` when a port is given and the environment (or ``.env``)
    does not set ``BASE_URL``; None when the configured ``BASE_URL`` stands."""
    if port is None or os.environ.get("BASE_URL"):
        return None
    return f"http://127.0.0.1:{port}"


@contextmanager
def demo_output_held_back():
    """Silence Wagtail's page log and keep the emails of the console backend in memory (the
    locmem backend) for the duration; yields the list of the emails sent meanwhile."""
    wagtail_log = logging.getLogger("wagtail")
    level = wagtail_log.level
    wagtail_log.setLevel(logging.WARNING)
    console = settings.EMAIL_BACKEND == CONSOLE_EMAIL_BACKEND
    outbox = getattr(mail, "outbox", None)  # the test runner's, when there is one
    mail.outbox = held = []
    try:
        with override_settings(EMAIL_BACKEND=LOCMEM_EMAIL_BACKEND) if console else nullcontext():
            yield held
    finally:
        wagtail_log.setLevel(level)
        if outbox is None:
            del mail.outbox
        else:
            mail.outbox = outbox
            outbox.extend(held)


def migrations_missing_on_disk() -> list[tuple[str, str]]:
    """The project migrations the database records as applied but this code does not have.

    Two queries at most (the table's existence, then its project rows); the migration files
    are read without building the graph, which ``migrate`` does afterwards anyway.
    """
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    applied = set(recorder.migration_qs.filter(app__in=PROJECT_APPS).values_list("app", "name"))
    if not applied:
        return []
    loader = MigrationLoader(connection, load=False)
    loader.load_disk()
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)  # a squashed migration stands for the ones it replaces
    return sorted(applied - known)


def demo_database_path() -> Path | None:
    """The SQLite file when the database is the embedded demo one under ``var/``, else None."""
    database = settings.DATABASES["default"]
    if connection.vendor != "sqlite":
        return None
    path = Path(database["NAME"]).resolve()
    return path if path.parent == Path(settings.VAR_DIR).resolve() else None


def describe_database() -> tuple[str, str]:
    """Name the default database for a message (without its password) and the step that fixes
    an old-layout one."""
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return (
            f"The SQLite database {database['NAME']}",
            "move that file away (or point DATABASE_URL at a new file)",
        )
    where = database.get("HOST") or "localhost"
    return (
        f"The {connection.vendor} database {database['NAME']!r} on {where}",
        "drop and re-create that database empty (or point DATABASE_URL at an empty one)",
    )


def move_aside(path: Path) -> Path:
    """Rename the SQLite file (and its -wal/-shm companions) to a free ``.old-layout`` name."""
    target = path.with_name(path.name + OLD_LAYOUT_SUFFIX)
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}{OLD_LAYOUT_SUFFIX}-{number}")
    connection.close()
    path.rename(target)
    for companion in ("-wal", "-shm"):
        extra = path.with_name(path.name + companion)
        if extra.exists():
            extra.rename(target.with_name(target.name + companion))
    return target


class Command(BaseCommand):
    help = "Migrate, load the demo data into an empty database, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            help="Port the site is served on (default 8000): shown in the banner, and the "
            "address of the demo's links unless BASE_URL is set.",
        )

    def handle(self, *args, port, verbosity, **options):
        base_url = local_base_url(port)
        links = (
            override_settings(BASE_URL=base_url, WAGTAILADMIN_BASE_URL=base_url)
            if base_url
            else nullcontext()
        )
        with links:
            self.prepare(verbose=verbosity >= 2)
        self.print_banner(port or "8000")

    def prepare(self, *, verbose: bool):
        self.replace_an_old_layout_database()
        # Quiet unless verbose: the migrations that create the course index log pages too.
        with nullcontext([]) if verbose else demo_output_held_back() as emails:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)  # when CACHE_URL is a database cache
            self.stdout.write("Database migrated.")
            if not get_user_model().objects.exists():
                self.stdout.write(
                    f"Empty database: loading the demo data (links to {settings.BASE_URL})…"
                )
                call_command("load_demo_data", stdout=self.stdout)
        if emails:
            self.stdout.write(
                f"  {len(emails)} demo emails sent, not printed (VERBOSE=1 make run prints them "
                "and the page log)."
            )

    def print_banner(self, port: str):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"售后服务学院 Service Academy: http://127.0.0.1:{port}/")
        )
        self.stdout.write("Demo logins (username / password / role):")
        for username, password, role in demo.logins(None):
            self.stdout.write(f"  {username:<22} {password:<12} {role}")
        self.stdout.write("CMS for trainers, assessors and admin: /cms/   Health check: /healthz")
        self.stdout.write("")

    def replace_an_old_layout_database(self):
        """Move the var/ demo database of an older layout aside; refuse any other such one."""
        missing = migrations_missing_on_disk()
        if not missing:
            return
        names = ", ".join(f"{app}.{name}" for app, name in missing)
        path = demo_database_path()
        if path is None:
            database, fix = describe_database()
            raise CommandError(
                f"{database} was made by an older layout of the apps: it records migrations "
                f"this code does not have ({names}), so it cannot be migrated (see "
                "docs/decisions/0009-one-app-per-domain.md). This command rebuilds only the demo "
                f"database under var/. To fix it, {fix}, then run `make run` again."
            )
        shown = self.shown(path)
        self.stdout.write(
            self.style.WARNING(
                f"The demo database {shown} was made by an older layout of the apps; "
                "rebuilding it with fresh demo data."
            )
        )
        self.stdout.write(f"  Migrations it has that this code does not: {names}")
        kept = move_aside(path)
        self.stdout.write(f"  The old database is kept as {self.shown(kept)}.")

    @staticmethod
    def shown(path: Path) -> str:
        """The path relative to the project when it is inside it (var/db.sqlite3), else whole."""
        try:
            return str(path.relative_to(Path(settings.BASE_DIR).resolve()))
        except ValueError:
            return str(path)

"""Bring a development site up to date in one process (used by ``make run``).

Migrates the database, loads the demo data when the database has no user yet, and prints the
demo logins. Running it again only applies new migrations: existing data is kept.
"""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from lms import demo


class Command(BaseCommand):
    help = "Migrate, load the demo data into an empty database, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="Port shown in the banner.")

    def handle(self, *args, port, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # when CACHE_URL is a database cache
        if not get_user_model().objects.exists():
            self.stdout.write("Empty database: loading the demo data…")
            call_command("load_demo_data", stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"售后服务学院 Service Academy: http://127.0.0.1:{port}/")
        )
        self.stdout.write("Demo logins (username / password / role):")
        for username, password, role in demo.logins(None):
            self.stdout.write(f"  {username:<22} {password:<12} {role}")
        self.stdout.write("CMS for trainers, assessors and admin: /cms/   Health check: /healthz")
        self.stdout.write("")

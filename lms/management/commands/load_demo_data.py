"""Load the demo data: accounts, then each app's ``demo.load()`` in INSTALLED_APPS order."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms import demo


class Command(BaseCommand):
    help = (
        "Create demo accounts, the demo course, exams, cases, metrics and certificates. "
        "Safe to run again: existing demo data is kept and completed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=f"Password for every demo account (default: {demo.DEFAULT_PASSWORD}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never on a real production site).",
        )

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: this looks like a production site. "
                "Use --force if you really mean it."
            )
        for module in demo_modules():
            with transaction.atomic():
                module.load(password=password, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))


def demo_modules():
    """``<app>.demo`` of every project app that has one, in INSTALLED_APPS order."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.path.startswith(str(settings.BASE_DIR)) and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules

"""Exit 0 when the database already holds users, 1 when it is empty (used by ``make run``)."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Exit status 0 if the database has any user, 1 if it has none."

    def handle(self, *args, **options):
        sys.exit(0 if get_user_model().objects.exists() else 1)

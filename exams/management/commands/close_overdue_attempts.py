"""Submit every attempt past its deadline plus grace period (safe to run from cron)."""

import json

from django.core.management.base import BaseCommand

from exams.services.attempts import close_overdue_attempts


class Command(BaseCommand):
    help = (
        "Submit and grade every attempt still in progress after its deadline plus the quiz's "
        "grace period. Each attempt is re-read under a row lock first; safe at any interval."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the count as JSON."
        )

    def handle(self, *args, as_json=False, **options):
        closed = close_overdue_attempts()
        if as_json:
            self.stdout.write(_json({"closed": closed}))
        else:
            self.stdout.write(f"{closed} overdue attempt(s) submitted.")


def _json(data) -> str:
    return json.dumps(data)

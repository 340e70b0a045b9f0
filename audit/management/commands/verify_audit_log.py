"""``python manage.py verify_audit_log``: exit 0 when the audit trail is intact, 1 naming the
first broken entry when a row was changed or removed (decision 1000)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from audit.chain import verify
from audit.models import Chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chains; exit 1 at the first changed or missing entry."

    def handle(self, *args, **options):
        broken = False
        for chain in Chain.values:
            checked, problem = verify(chain)
            if problem is None:
                self.stdout.write(f"{chain}: {checked} entries intact")
            else:
                broken = True
                self.stderr.write(f"BROKEN {problem} ({checked} entries before it are intact)")
        if broken:
            raise SystemExit(1)

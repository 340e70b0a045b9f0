"""The reminders' part of the demo (run at the end of the assignments demo, decision 0805):
the demo program gets a renewal window of 60 days — so the demo certificate that expires soon
gets its renewal assignment — and ``send_reminders`` runs once for now, which fills every
demo learner's inbox with their assignments (assigned, due soon, overdue), tells managers of
what is overdue, and posts the group messages to the demo robot (``manage.py robot_sink``
prints them).

Idempotent: a second run finds the window and sends nothing twice.
"""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from assessment import api as assessment
from assignments.models import RenewalPolicy
from assignments.reminders import send_reminders

# The assessment demo's program (assessment/demo.py).
PROGRAM_CODE = "ASE-L1"
RENEWAL_WINDOW_DAYS = 60


def load_reminders(*, stdout) -> None:
    program = assessment.program_by_code(PROGRAM_CODE)
    if program is not None:
        RenewalPolicy.objects.get_or_create(
            program=program,
            defaults={"window_days": RENEWAL_WINDOW_DAYS, "path": RenewalPolicy.Path.PROGRAM},
        )
    rows = send_reminders(now=timezone.now())
    channels = Counter(row.channel.split(":")[0] for row in rows)
    stdout.write(
        f"  reminders: {channels['inbox']} notifications sent "
        f"({channels['email']} emails, {channels['robot']} group messages)"
    )

"""``manage.py send_reminders [--dry-run] [--format table|json] [--now ISO]``."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assignments import reminders


class Command(BaseCommand):
    help = (
        "Send what is due now: renewal assignments, assignment reminders (assigned, due soon, "
        "overdue to the learner and then their manager) and certificate expiry reminders. "
        "Each person is told once per event, item and stage, however often this runs: run it "
        "every few minutes (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due; write and send nothing."
        )
        parser.add_argument(
            "--format",
            default="table",
            help="table (for people, the default) or json: a list of "
            '{"employee_id", "event", "item", "channel"}, one per channel sent.',
        )
        parser.add_argument(
            "--now",
            help="Compute for this moment instead of now, ISO 8601 (2026-12-05T09:00+08:00; "
            "without an offset: the site's time zone).",
        )

    def handle(self, *args, dry_run=False, format="table", now=None, **options):
        if format not in ("table", "json"):
            raise CommandError(f"--format must be table or json, not {format!r}.")
        moment = parse_now(now) if now else timezone.now()
        rows = reminders.send_reminders(now=moment, dry_run=dry_run)
        if format == "json":
            self.stdout.write(json.dumps([row.as_json() for row in rows], ensure_ascii=False))
            return
        self.write_table(rows, dry_run=dry_run)

    def write_table(self, rows, *, dry_run: bool):
        if rows:
            self.stdout.write("employee_id\tusername\tevent\titem\tchannel")
        for row in rows:
            self.stdout.write(
                f"{row.employee_id or '-'}\t{row.username}\t{row.event}\t{row.item}\t{row.channel}"
            )
        people = len({row.username for row in rows})
        channels = ", ".join(f"{c} {n}" for c, n in sorted(Counter(_kind(r) for r in rows).items()))
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(
            f"Total: {len(rows)} deliveries {verb} to {people} people"
            + (f" ({channels})." if channels else ".")
        )


def _kind(row) -> str:
    return row.channel.split(":")[0]


def parse_now(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            "--now must be an ISO 8601 date and time such as 2026-12-05T09:00+08:00, "
            f"not {value!r}."
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment

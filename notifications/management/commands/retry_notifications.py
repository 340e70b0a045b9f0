"""``manage.py retry_notifications``: send again the deliveries whose back-off has passed.

The database task backend queues each retry for its time by itself; with the immediate backend
(development) nothing waits, so run this from cron or a systemd timer. Safe to run often."""

from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Send again the notification deliveries whose back-off has passed."

    def handle(self, *args, **options):
        tried = services.retry_due()
        self.stdout.write(f"Tried {tried} deliveries again.")

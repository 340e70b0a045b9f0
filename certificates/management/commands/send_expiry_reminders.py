"""``manage.py send_expiry_reminders --days N``."""

from django.core.management.base import BaseCommand, CommandError

from certificates import reminders


class Command(BaseCommand):
    help = (
        "Mail the holders of valid certificates that expire within N days; each certificate "
        "gets one reminder per window, however often this runs (run it daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True, help="The window in days.")

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        sent = reminders.send_expiry_reminders(days=days)
        for certificate in sent:
            self.stdout.write(
                f"{certificate.serial}\t{certificate.holder_name}\t{certificate.valid_until}"
            )
        self.stdout.write(f"{len(sent)} reminders sent.")

"""``manage.py build_certificate_fonts [--force]``: the certificate font's common cut."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates import fonts


class Command(BaseCommand):
    help = (
        "Cut Noto Serif CJK SC down to the characters certificates use (GB 2312 and Latin) in "
        "CERTIFICATE_FONTS_DIR, which renders a certificate about twice as fast. Does nothing "
        "when the cut is current."
    )
    requires_system_checks = []  # one of them asks for what this command builds

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Build even when the cut is current."
        )

    def handle(self, *args, force, **options):
        directory = settings.CERTIFICATE_FONTS_DIR
        try:
            built = fonts.build(directory, force=force)
        except fonts.FontSourceError as error:
            raise CommandError(str(error)) from error
        if built:
            self.stdout.write(self.style.SUCCESS(f"Certificate fonts built in {directory}."))
        elif options["verbosity"] > 1:
            self.stdout.write(f"Certificate fonts in {directory} are current.")

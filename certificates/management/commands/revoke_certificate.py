"""``manage.py revoke_certificate SERIAL --reason TEXT``."""

from django.core.management.base import BaseCommand, CommandError

from assessment import api as assessment_api
from certificates import issuing
from certificates.models import Certificate


class Command(BaseCommand):
    help = "Revoke a certificate. The reason is required and shown on the verification page."

    def add_arguments(self, parser):
        parser.add_argument("serial", help="The certificate's serial, e.g. ASE-L1-2026-000001.")
        parser.add_argument("--reason", default="", help="Why it is revoked (required).")

    def handle(self, *args, serial, reason, **options):
        certificate = Certificate.objects.filter(serial=serial.strip().upper()).first()
        if certificate is None:
            raise CommandError(f"No certificate has the serial {serial!r}.")
        try:
            issuing.certificate_revoke(certificate=certificate, reason=reason)
        except assessment_api.AssessmentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{certificate.serial} revoked: {certificate.revocation_reason}")

"""``manage.py verify_certificate CODE_OR_SERIAL``."""

from django.core.management.base import BaseCommand, CommandError

from certificates import issuing
from certificates import selectors as certificate_selectors


class Command(BaseCommand):
    help = "Print a certificate's status (valid, expired, revoked or superseded) and details."

    def add_arguments(self, parser):
        parser.add_argument(
            "code_or_serial",
            help="A verification code or a serial (`-- CODE` for a code starting with '-').",
        )

    def handle(self, *args, code_or_serial, **options):
        certificate = certificate_selectors.certificate_by_code_or_serial(code_or_serial)
        if certificate is None:
            raise CommandError(f"No certificate has the code or serial {code_or_serial!r}.")
        lines = [
            f"status: {certificate.status}",
            f"serial: {certificate.serial}",
            f"holder: {certificate.holder_name}",
            f"program: {certificate.program.code} {certificate.program.name}",
            f"grade: {certificate.grade_label_en} ({certificate.total_score})",
            f"issued on: {certificate.issued_on.isoformat()}",
            f"valid until: {certificate.valid_until.isoformat()}",
            f"verify: {issuing.verify_url(certificate.code)}",
        ]
        if certificate.revoked_at:
            lines.append(
                f"revoked: {certificate.revoked_at:%Y-%m-%d} {certificate.revocation_reason}"
            )
        if certificate.superseded_by_id:
            lines.append(f"superseded by: {certificate.superseded_by.serial}")
        self.stdout.write("\n".join(lines))

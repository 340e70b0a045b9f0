"""``manage.py export_scheme CODE [--version N]``: print a scheme version as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from assessment.models import Program
from assessment.services.schemes import scheme_export


class Command(BaseCommand):
    help = (
        "Print a program's assessment scheme as JSON (the format of import_scheme): the active "
        "version, or the one given with --version."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Django's own --version (the Django version) gives way to the scheme version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("code", help="The program code, e.g. ASE-L1.")
        parser.add_argument("--version", type=int, dest="number", help="The version number.")

    def handle(self, *args, code, number=None, **options):
        program = Program.objects.filter(code=code).first()
        if program is None:
            raise CommandError(f"No program has the code {code!r}.")
        if number is None:
            version = program.active_version
            if version is None:
                raise CommandError(
                    f"{code} has no active version; give one with --version "
                    f"(versions: {self._numbers(program)})."
                )
        else:
            version = program.versions.filter(number=number).first()
            if version is None:
                raise CommandError(
                    f"{code} has no version {number} (versions: {self._numbers(program)})."
                )
        data = scheme_export(version=version)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _numbers(self, program):
        numbers = program.versions.order_by("number").values_list("number", flat=True)
        return ", ".join(str(n) for n in numbers) or "none"

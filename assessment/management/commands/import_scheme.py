"""``manage.py import_scheme FILE [--activate]``: a new scheme version from a JSON file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessment import definition
from assessment.errors import AssessmentError
from assessment.services.schemes import scheme_import
from lms.parsing import InputError, load_json

MAX_BYTES = 5 * 1024 * 1024  # a scheme is a few kilobytes


class Command(BaseCommand):
    help = (
        "Create a new version of a program's assessment scheme from a JSON file (and the "
        "program if it does not exist). With --activate the new version becomes the active one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file (see docs/assessment-scheme-format.md).")
        parser.add_argument(
            "--activate", action="store_true", help="Activate the new version at once."
        )
        parser.add_argument("--note", default="", help="What changed in this version.")

    def handle(self, *args, file, activate=False, note="", **options):
        path = Path(file)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{file} is larger than {MAX_BYTES // 1024 // 1024} MB.")
            data = load_json(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except InputError as exc:
            where = f"line {exc.line}, column {exc.column}: " if exc.line else ""
            raise CommandError(f"{file} is not valid JSON: {where}{exc.message}") from exc
        try:
            imported = scheme_import(data=data, activate=activate, note=note)
        except definition.DefinitionError as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(f"{file} has errors; nothing was imported:\n{lines}") from exc
        except AssessmentError as exc:
            raise CommandError(str(exc)) from exc
        program, version = imported.program, imported.version
        if imported.program_created:
            self.stdout.write(f"Created program {program.code} {program.name}.")
        elif program.name != data["program"]["name"].strip():
            self.stdout.write(
                f"Program {program.code} exists; its name ({program.name}) was left unchanged."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {program.code} version {version.number} ({version.status})."
            )
        )

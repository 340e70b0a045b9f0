"""``manage.py scorecard --program CODE --period P [--employee ID] [--format json|csv|table]``."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessment import explain, scoring, snapshots
from assessment.models import Program
from assessment.periods import is_period
from assessment.selectors.engineers import engineer_by_employee_id
from assessment.selectors.scorecards import live_scorecards
from lms import exports


class Command(BaseCommand):
    help = (
        "Print the scorecards of a program for a period, computed now: every learner enrolled "
        "in a cohort of the program and every engineer with a metric for one of its indicators "
        "in that period, or only --employee. JSON is a list of objects (see docs/scorecards.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program code, e.g. ASE-L1.")
        parser.add_argument("--period", required=True, help="YYYY, YYYY-Qn or YYYY-MM.")
        parser.add_argument("--employee", help="One engineer's employee ID, e.g. E1001.")
        parser.add_argument("--format", choices=["json", "csv", "table"], default="table")

    def handle(self, *args, program, period, employee=None, format="table", **options):
        found = Program.objects.filter(code=program).first()
        if found is None:
            raise CommandError(f"No program has the code {program!r}.")
        if not is_period(period):
            raise CommandError(f"{period!r} is not a period: use YYYY, YYYY-Qn or YYYY-MM.")
        version = found.active_version
        if version is None:
            raise CommandError(f"{program} has no active scheme version.")
        user_ids = None
        if employee is not None:
            engineer = engineer_by_employee_id(employee)
            if engineer is None:
                raise CommandError(f"No engineer has the employee ID {employee!r}.")
            user_ids = [engineer.id]
        cards = live_scorecards(program=found, period=period, version=version, user_ids=user_ids)
        if format == "json":
            # One object per line: readable, and written by json's fast C encoder.
            lines = ",\n".join(json.dumps(_json(c), ensure_ascii=False) for c in cards)
            self.stdout.write(f"[\n{lines}\n]" if cards else "[]")
        elif format == "csv":
            header, rows = _table(cards, version.scheme())
            self.stdout.write(exports.csv_text(header, rows), ending="")
        else:
            header, rows = _human_table(cards, version.scheme())
            self.stdout.write(_aligned(header, rows))


def _json(card) -> dict:
    return snapshots.cli_dict(
        employee_id=card.engineer.employee_id,
        name=card.engineer.name,
        program=card.program.code,
        period=card.period,
        scheme_version=card.version.number,
        result=card.result,
        reasons=explain.reasons(card.result, card.titles),
    )


def _table(cards, scheme: scoring.Scheme):
    """The CSV for programs: codes as column keys and values, every indicator, the reasons."""
    header = ["employee_id", "name", "program", "period", "scheme_version", "status", "grade"]
    header += ["total", *scoring.COMPONENTS, *(d.code for d in scheme.dimensions)]
    for indicator in scheme.indicators:
        header += [f"{indicator.code}_value", f"{indicator.code}_score"]
    header.append("reasons")
    rows = []
    for card in cards:
        result = card.result
        row = [card.engineer.employee_id, card.engineer.name]
        row += [card.program.code, card.period, card.version.number]
        row += [result.status, result.grade or "", scoring.display(result.total)]
        row += [scoring.display(result.component(c).score) for c in scoring.COMPONENTS]
        row += [scoring.display(d.score) for d in result.dimensions]
        for indicator in result.indicators:
            row += [indicator.value, scoring.display(indicator.score)]
        row.append(" | ".join(explain.reasons(result, card.titles)))
        rows.append(row)
    return header, rows


def _human_table(cards, scheme: scoring.Scheme):
    """The table for a person at a terminal: labels and the scheme's names, in the language
    of the command (``LANGUAGE_CODE`` unless overridden)."""
    header = [_("Employee ID"), _("Name"), _("Status"), _("Grade"), _("Total")]
    header += [str(explain.COMPONENT_LABELS[c]) for c in scoring.COMPONENTS]
    header += [d.name for d in scheme.dimensions]
    rows = []
    for card in cards:
        result = card.result
        rows.append(
            [
                card.engineer.employee_id,
                card.engineer.name,
                explain.status_label(result.status),
                explain.grade_label(result.grade, scheme) if result.grade else "—",
                explain.number(result.total),
                *(explain.number(result.component(c).score) for c in scoring.COMPONENTS),
                *(explain.number(d.score) for d in result.dimensions),
            ]
        )
    return header, rows


def _aligned(header, rows) -> str:
    text_rows = [[("" if v is None else str(v)) for v in row] for row in [header, *rows]]

    def width(text):  # CJK characters take two columns in a terminal
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max(width(row[i]) for row in text_rows) for i in range(len(header))]
    lines = []
    for row in text_rows:
        cells = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)

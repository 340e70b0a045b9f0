"""``manage.py issue_certificates --program CODE --period P [--employee ID] [--dry-run]
[--format table|json]``."""

import json

from django.core.management.base import BaseCommand, CommandError

from assessment import api as assessment_api
from certificates import bulk, issuing


class Command(BaseCommand):
    help = (
        "Finalise the certified scorecards of a program and period that are not finalised yet "
        "and issue their certificates (again: the existing one). Prints per engineer the serial "
        "and verification URL; JSON is a list of {employee_id, serial, code, verify_url, "
        "pdf_sha256} for the certificates. --dry-run writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program code, e.g. ASE-L1.")
        parser.add_argument("--period", required=True, help="YYYY, YYYY-Qn or YYYY-MM.")
        parser.add_argument("--employee", help="One engineer's employee ID, e.g. E1001.")
        parser.add_argument("--dry-run", action="store_true", help="Show who would be issued.")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, program, period, employee=None, dry_run=False, **options):
        found = assessment_api.program_by_code(program)
        if found is None:
            raise CommandError(f"No program has the code {program!r}.")
        period = period.upper()
        if not assessment_api.is_period(period):
            raise CommandError(f"{period!r} is not a period: use YYYY, YYYY-Qn or YYYY-MM.")
        user_ids = None
        if employee is not None:
            engineer = assessment_api.engineer_by_employee_id(employee)
            if engineer is None:
                raise CommandError(f"No engineer has the employee ID {employee!r}.")
            user_ids = [engineer.id]
        try:
            outcomes = list(
                bulk.issue_for_period(
                    program=found, period=period, user_ids=user_ids, dry_run=dry_run
                )
            )
        except assessment_api.AssessmentError as error:
            raise CommandError(str(error)) from error
        if options["format"] == "json":
            rows = [_json(o) for o in outcomes if o.certificate is not None and not dry_run]
            if dry_run:
                rows = [
                    {"employee_id": o.employee_id, "certified": not o.reasons} for o in outcomes
                ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for outcome in outcomes:
            self.stdout.write(_line(outcome, dry_run))
        issued = sum(1 for o in outcomes if o.created)
        certified = sum(1 for o in outcomes if not o.reasons)
        if dry_run:
            self.stdout.write(
                f"Dry run: {certified} of {len(outcomes)} certified; nothing written."
            )
        else:
            self.stdout.write(
                f"{certified} of {len(outcomes)} certified; {issued} certificates issued now."
            )


def _json(outcome) -> dict:
    certificate = outcome.certificate
    return {
        "employee_id": outcome.employee_id,
        "serial": certificate.serial,
        "code": certificate.code,
        "verify_url": issuing.verify_url(certificate.code),
        "pdf_sha256": certificate.pdf_sha256,
    }


def _line(outcome, dry_run: bool) -> str:
    if outcome.reasons:
        return f"{outcome.employee_id}\tnot certified: {' '.join(outcome.reasons)}"
    if dry_run:
        if outcome.certificate is not None:
            return f"{outcome.employee_id}\talready issued {outcome.certificate.serial}"
        return f"{outcome.employee_id}\twould be issued"
    certificate = outcome.certificate
    state = "issued" if outcome.created else "already issued"
    return (
        f"{outcome.employee_id}\t{certificate.serial}\t{issuing.verify_url(certificate.code)}"
        f"\t{state}"
    )

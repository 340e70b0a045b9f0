"""``manage.py invite_people [--unit PATH] [--resend] [--dry-run] [--format table|json]``"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.models import OrgUnit
from people.selectors import invitable, people_matching, with_columns
from people.services.invitations import invitation_lifetime, invitations_send

SHOWN = 50  # people without an email address named in the table output, at most


class Command(BaseCommand):
    help = (
        "Email an invitation (a link to set a first password) to every active person without "
        "a password who has no invitation still valid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", help="Only people in this unit or below it (its path: 售后服务部/华东大区)."
        )
        parser.add_argument(
            "--resend",
            action="store_true",
            help="Also people whose invitation is still valid (they get a new link).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report; send nothing.")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options):
        unit = None
        if options["unit"]:
            unit = OrgUnit.objects.filter(path=options["unit"].strip().strip("/")).first()
            if unit is None:
                raise CommandError(
                    _("no unit “%(path)s”: give its whole path, e.g. 售后服务部/华东大区")
                    % {"path": options["unit"]},
                    returncode=1,
                )
        people = list(with_columns(invitable(people_matching(unit=unit))))
        if not options["resend"]:
            since = timezone.now() - invitation_lifetime()
            people = [p for p in people if p.invited_at is None or p.invited_at <= since]
        result = invitations_send(people=people, dry_run=options["dry_run"])
        counts = {
            "sent": len(result.sent),
            "without_email": len(result.without_email),
            "failed": len(result.failed),
        }
        if options["format"] == "json":
            missing = [p.employee_id or p.username for p in result.without_email]
            self.stdout.write(json.dumps({**counts, "without_email_ids": missing}))
        else:
            self._table(result, counts, options["dry_run"])
        if result.failed:
            raise CommandError(
                ngettext(
                    "the mail server refused %(count)s invitation: try again later",
                    "the mail server refused %(count)s invitations: try again later",
                    len(result.failed),
                )
                % {"count": len(result.failed)},
                returncode=1,
            )

    def _table(self, result, counts, dry_run):
        sent = counts["sent"]
        if dry_run:
            line = ngettext(
                "Dry run: %(count)s invitation would be sent.",
                "Dry run: %(count)s invitations would be sent.",
                sent,
            )
        else:
            line = ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", sent)
        self.stdout.write(line % {"count": sent})
        if result.without_email:
            self.stdout.write(
                ngettext(
                    "%(count)s person has no email address and gets no invitation:",
                    "%(count)s people have no email address and get no invitation:",
                    counts["without_email"],
                )
                % {"count": counts["without_email"]}
            )
            for person in result.without_email[:SHOWN]:
                self.stdout.write(f"  {person.employee_id or person.username}  {person}")
            if len(result.without_email) > SHOWN:
                self.stdout.write("  …")

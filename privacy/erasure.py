"""Erase a person (decision 1002): their account row stays as an anonymous record
("已注销人员 #N") that keeps statistics and the audit trail pointing somewhere; their names,
contact data, free text and files go from the database and from storage.

Order: refusals (no reason, an open appeal or any other registered blocker, a legal hold);
each app's own erasure through its api; the sweep of every table for copies of their names;
finally the account row itself. ``dry_run`` answers what would change and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils.translation import gettext as _

from assessment import api as assessment_api
from assignments import api as assignments_api
from audit import api as audit_api
from cases import api as cases_api
from certificates import api as certificates_api
from exams import api as exams_api
from notifications import api as notifications_api
from people import api as people_api
from privacy import sweep
from privacy.api import erasure_blockers, erasure_handlers
from privacy.models import LegalHold

ANONYMOUS_NAME = "已注销人员 #{number}"


class ErasureRefused(Exception):
    """The person cannot be erased now; the message says why."""


@dataclass
class ErasureReport:
    person_id: int
    label: str
    dry_run: bool
    changes: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in sorted(self.changes.items()) if count]


def anonymous_label(person) -> str:
    return ANONYMOUS_NAME.format(number=person.pk)


def find_person(employee_id: str):
    """The person with this employee id, or ``ErasureRefused`` naming the unknown id."""
    person = get_user_model().objects.filter(employee_id=(employee_id or "").strip()).first()
    if not (employee_id or "").strip() or person is None:
        raise ErasureRefused(_("No person has the employee ID “%(id)s”.") % {"id": employee_id})
    return person


def refusals(person) -> list[str]:
    """Why ``person`` cannot be erased now (empty when they can)."""
    reasons = list(erasure_blockers(person))
    if LegalHold.objects.filter(person=person, lifted_at__isnull=True).exists():
        reasons.append(_("A legal hold set by an administrator keeps this person's data."))
    return reasons


def _account_changes(person, label: str, dry_run: bool) -> dict[str, int]:
    social = apps.get_model("socialaccount", "SocialAccount").objects.filter(user=person)
    emails = apps.get_model("account", "EmailAddress").objects.filter(user=person)
    authenticators = apps.get_model("mfa", "Authenticator").objects.filter(user=person)
    profiles = apps.get_model("wagtailusers", "UserProfile").objects.filter(user=person)
    sessions = [
        row
        for row in Session.objects.all()
        if row.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    counts = {
        "account.social_accounts": social.count(),
        "account.email_addresses": emails.count(),
        "account.authenticators": authenticators.count(),
        "account.sessions": len(sessions),
        "account.profile": 1,
    }
    if dry_run:
        return counts
    for profile in profiles:
        if profile.avatar:
            profile.avatar.delete(save=False)
    profiles.delete()
    social.delete()
    emails.delete()
    authenticators.delete()
    Session.objects.filter(pk__in=[row.pk for row in sessions]).delete()
    person.username = f"erased-{person.pk}"
    person.display_name = label
    person.first_name = person.last_name = person.email = ""
    person.employee_id = None
    person.hire_date = None
    person.is_active = person.is_staff = person.is_superuser = False
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    return counts


def erase_person(person, *, reason: str, actor=None, dry_run: bool = False) -> ErasureReport:
    """Erase ``person`` (see the module's docstring); ``ErasureRefused`` says why not."""
    reason = (reason or "").strip()
    if not reason:
        raise ErasureRefused(_("Give the reason for the erasure (--reason)."))
    blocked = refusals(person)
    if blocked:
        raise ErasureRefused("; ".join(blocked))
    label = anonymous_label(person)
    report = ErasureReport(person_id=person.pk, label=label, dry_run=dry_run)
    mobile = [row["mobile"] for row in people_api.personal_data(person=person)["placement"]]
    with transaction.atomic():
        for erase in (
            assignments_api.erase_personal_data,
            exams_api.erase_personal_data,
            cases_api.erase_personal_data,
            assessment_api.erase_personal_data,
            certificates_api.withhold_holder_name,
            notifications_api.erase_personal_data,
            people_api.erase_personal_data,
        ):
            report.changes.update(erase(person=person, dry_run=dry_run))
        for handler in erasure_handlers():
            report.changes.update(handler(person, dry_run=dry_run))
        swept = sweep.sweep(person, label=label, extra=[m for m in mobile if m], dry_run=dry_run)
        report.changes.update({f"sweep.{name}": count for name, count in swept.items()})
        report.changes.update(_account_changes(person, label, dry_run))
        if not dry_run:
            audit_api.record(
                "privacy.person_erased",
                actor=actor,
                obj=person,
                subject=person,
                after={"changes": {k: v for k, v in report.changes.items() if v}},
                reason=reason,
            )
    return report

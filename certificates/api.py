"""What other apps may ask of the certificates, as plain frozen values.

The assignments app asks who holds a valid certificate of a program (a program assignment is
done when its person does) and which certificates are about to expire (recertification).
Every function runs a constant number of queries whatever the number of people asked about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from assessment.api import CERTIFIED
from certificates import issuing, reminders
from certificates.models import Certificate
from notifications import api as notifications


@dataclass(frozen=True)
class HeldCertificate:
    id: int
    serial: str
    holder_id: int
    program_id: int
    issued_on: date
    valid_until: date
    url: str  # the holder's certificates page


def valid_certificates(
    *,
    user_ids: Iterable[int],
    program_ids: Iterable[int],
    today: date | None = None,
    issued_since: date | None = None,
) -> dict[tuple[int, int], HeldCertificate]:
    """(holder id, program id) → the latest certificate valid on ``today`` (not revoked, not
    superseded, not expired), issued on or after ``issued_since`` when given. 1 query."""
    today = today or timezone.localdate()
    rows = Certificate.objects.filter(
        holder_id__in=list(user_ids),
        program_id__in=list(program_ids),
        revoked_at__isnull=True,
        superseded_by__isnull=True,
        valid_until__gte=today,
    )
    if issued_since is not None:
        rows = rows.filter(issued_on__gte=issued_since)
    found: dict[tuple[int, int], HeldCertificate] = {}
    for cert in rows.order_by("issued_on", "pk"):
        found[(cert.holder_id, cert.program_id)] = HeldCertificate(
            id=cert.pk,
            serial=cert.serial,
            holder_id=cert.holder_id,
            program_id=cert.program_id,
            issued_on=cert.issued_on,
            valid_until=cert.valid_until,
            url=reverse("certificates:my_certificates"),
        )
    return found


def expiring_certificates(
    *, windows: dict[int, int], today: date | None = None
) -> list[HeldCertificate]:
    """The valid certificates (not revoked, not superseded, not expired) of each program id in
    ``windows`` that expire within its number of days, by expiry. 1 query."""
    today = today or timezone.localdate()
    if not windows:
        return []
    within = Q()
    for program_id, days in windows.items():
        within |= Q(program_id=program_id, valid_until__lte=today + timedelta(days=days))
    rows = Certificate.objects.filter(
        within, revoked_at__isnull=True, superseded_by__isnull=True, valid_until__gte=today
    ).order_by("valid_until", "pk")
    url = reverse("certificates:my_certificates")
    return [
        HeldCertificate(
            id=c.pk,
            serial=c.serial,
            holder_id=c.holder_id,
            program_id=c.program_id,
            issued_on=c.issued_on,
            valid_until=c.valid_until,
            url=url,
        )
        for c in rows
    ]


def send_expiry_reminders(
    *, days: int, today: date | None = None, dry_run: bool = False
) -> list[notifications.Sent]:
    """Tell the holders of valid certificates that expire within ``days`` days, once per
    certificate and window (the ``send_expiry_reminders`` command's service, which
    ``send_reminders`` runs for each window it is configured with). Returns each channel a
    reminder went out on (in a dry run: would, and nothing is written)."""
    return reminders.expiry_reminders(days=days, today=today, dry_run=dry_run)[1]


# --- Personal data (issue 18, decision 1002): privacy's export and erasure --------------------


def personal_data(*, person) -> dict[str, list[dict]]:
    """The person's certificates (serial, program, grade, dates, status)."""
    from certificates import personal_data

    return personal_data.export_rows(person)


def withhold_holder_name(*, person, dry_run: bool = False) -> dict[str, int]:
    """The person's certificates keep verifying, status unchanged, with the holder's name
    withheld; their stored PDFs are removed from storage. Returns what changed (or would)."""
    from certificates import personal_data

    return personal_data.withhold_holder_name(person, dry_run=dry_run)


# --- Appeals (issue 18): a new scorecard revision changes the certificate ---------------------


def certificate_follow_revision(*, previous, revision, by, reason: str) -> str:
    """Bring the certificates of a person, program and period in line with a new scorecard
    revision made by an appeal's outcome, through the issuing services: a certified revision
    gets its certificate (superseding the earlier one) when the earlier revision was not
    certified or had a certificate; a revision no longer certified revokes the live one, with
    ``reason``. Returns "issued", "revoked" or "" (nothing changed)."""
    live = list(
        Certificate.objects.filter(
            holder_id=revision.employee_id,
            program_id=revision.program_id,
            period=revision.period,
            revoked_at__isnull=True,
            superseded_by__isnull=True,
        )
    )
    if revision.status == CERTIFIED:
        if live or previous.status != CERTIFIED:
            return "issued" if issuing.certificate_issue(scorecard=revision, by=by).created else ""
        return ""
    for certificate in live:
        issuing.certificate_revoke(certificate=certificate, reason=reason, by=by)
    return "revoked" if live else ""

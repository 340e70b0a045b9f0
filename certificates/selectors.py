"""Reads of issued certificates: verification, the holder's list and the assessors' list; and a
manager's team: each person's record with their certificates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail import hooks

from assessment import api as assessment_api
from certificates.models import BulkIssueJob, Certificate
from certificates.models.certificates import (
    EXPIRED,
    REVOKED,
    STATUS_LABELS,
    SUPERSEDED,
    VALID,
    status_on,
)

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# What the verification JSON says instead of an erased holder's name (both languages: the JSON
# is the same whatever the reader's language).
WITHHELD_NOTE = {"zh": "持证人已申请隐去姓名", "en": "Holder's name withheld at their request"}


@dataclass(frozen=True)
class Verification:
    """What the public verification page and its JSON show, and nothing more."""

    serial: str
    holder_name: str
    program_code: str
    program_name: str
    grade: str
    grade_label_zh: str
    grade_label_en: str
    issued_on: date
    valid_until: date
    status: str
    revoked_on: date | None
    revocation_reason: str
    # The page links the certificate that replaced this one; the JSON keeps its shape.
    superseded_by_code: str = ""
    superseded_on: date | None = None
    program_name_en: str = ""  # the page reads the name in its language; the JSON keeps its shape
    # The holder had their personal data erased: the name is withheld (decision 1002).
    holder_name_withheld: bool = False

    def as_json(self) -> dict:
        withheld = (
            {"holder_name_withheld": dict(WITHHELD_NOTE)} if self.holder_name_withheld else {}
        )
        return {
            "serial": self.serial,
            "holder_name": self.holder_name or None,
            **withheld,
            "program": {"code": self.program_code, "name": self.program_name},
            "grade": {"code": self.grade, "zh": self.grade_label_zh, "en": self.grade_label_en},
            "issued_on": self.issued_on.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "status": self.status,
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
            "revocation_reason": self.revocation_reason or None,
        }


def _verification(certificate: Certificate) -> Verification:
    status = certificate.status
    newer = certificate.superseded_by if status == SUPERSEDED else None
    return Verification(
        serial=certificate.serial,
        holder_name=certificate.holder_name,
        program_code=certificate.program.code,
        program_name=certificate.program.name,
        program_name_en=certificate.program.name_en,
        grade=certificate.grade,
        grade_label_zh=certificate.grade_label_zh,
        grade_label_en=certificate.grade_label_en,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        status=status,
        revoked_on=timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None,
        revocation_reason=certificate.revocation_reason if status == REVOKED else "",
        superseded_by_code=newer.code if newer else "",
        superseded_on=newer.issued_on if newer else None,
        holder_name_withheld=certificate.holder_name_withheld,
    )


def verification_by_code(code: str) -> Verification | None:
    """The certificate with exactly this code, read fresh with the certificate that replaced
    it (one query); None when unknown."""
    if not CODE_RE.match(code or ""):
        return None
    certificate = (
        Certificate.objects.select_related("program", "superseded_by").filter(code=code).first()
    )
    return _verification(certificate) if certificate else None


def normalise_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def code_by_serial_and_name(*, serial: str, holder_name: str) -> str | None:
    """The code of the certificate with this serial whose holder's name matches (as printed,
    ignoring case and spacing); None otherwise, whichever of the two did not match."""
    serial = (serial or "").strip().upper()
    if not serial or len(serial) > 64:
        return None
    row = Certificate.objects.filter(serial=serial).values_list("code", "holder_name").first()
    if row is None or normalise_name(row[1]) != normalise_name(holder_name):
        return None
    return row[0]


def certificate_by_code_or_serial(value: str) -> Certificate | None:
    value = (value or "").strip()
    if not value:
        return None
    return (
        Certificate.objects.select_related("program", "holder", "superseded_by")
        .filter(Q(code=value) | Q(serial=value.upper()))
        .first()
    )


@dataclass(frozen=True)
class ProgramName:
    name: str
    name_en: str


@dataclass(frozen=True)
class OwnCertificateRow:
    """What the dashboard's certificates panel shows of a certificate, as plain values (no
    certificate, program and superseding certificate instances)."""

    serial: str
    valid_until: date
    revoked_at: datetime | None
    superseded_by_id: int | None
    program: ProgramName

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[status_on(self, timezone.localdate())])


def own_certificate_rows(*, user, limit: int) -> list[OwnCertificateRow]:
    """The holder's newest ``limit`` certificates (``own_certificates``' order). 1 query."""
    fields = ("serial", "valid_until", "revoked_at", "superseded_by_id")
    rows = own_certificates(user=user).values_list(*fields, "program__name", "program__name_en")
    return [
        OwnCertificateRow(*values[:4], program=ProgramName(*values[4:])) for values in rows[:limit]
    ]


def own_certificates(*, user) -> QuerySet:
    return (
        Certificate.objects.filter(holder=user)
        .select_related("program", "superseded_by")
        .order_by("-issued_on", "-serial")
    )


def status_filter(status: str, today: date) -> Q | None:
    live = Q(revoked_at__isnull=True, superseded_by__isnull=True)
    return {
        VALID: live & Q(valid_until__gte=today),
        EXPIRED: live & Q(valid_until__lt=today),
        REVOKED: Q(revoked_at__isnull=False),
        SUPERSEDED: Q(revoked_at__isnull=True, superseded_by__isnull=False),
    }.get(status)


def certificate_list(
    *,
    program_code: str = "",
    period: str = "",
    status: str = "",
    expiring_within: int | None = None,
    today: date | None = None,
) -> QuerySet:
    """Certificates for the assessors' list, filtered; ordered by program, period, serial."""
    today = today or timezone.localdate()
    queryset = Certificate.objects.select_related("program", "holder")
    if program_code:
        queryset = queryset.filter(program__code=program_code)
    if period:
        queryset = queryset.filter(period=period)
    condition = status_filter(status, today)
    if condition is not None:
        queryset = queryset.filter(condition)
    if expiring_within is not None:
        queryset = queryset.filter(
            status_filter(VALID, today),
            valid_until__lte=today + timedelta(days=expiring_within),
        )
    return queryset.order_by("program__code", "period", "serial")


def bulk_issue_jobs(*, limit: int = 10) -> QuerySet:
    return BulkIssueJob.objects.select_related("program", "created_by")[:limit]


def certificates_of(*, user_ids) -> dict[int, list[Certificate]]:
    """Each person's certificates, newest first; people without one are left out. 1 query."""
    found: dict[int, list[Certificate]] = {}
    rows = (
        Certificate.objects.filter(holder_id__in=list(user_ids))
        .select_related("program", "superseded_by")
        .order_by("-issued_on", "-serial")
    )
    for certificate in rows:
        found.setdefault(certificate.holder_id, []).append(certificate)
    return found


@dataclass(frozen=True)
class TeamRow:
    """A person in a manager's units, with their learning record and certificates."""

    member: Any  # lms.organisation member: name, employee id, unit, position
    record: assessment_api.LearningRecord
    certificates: tuple[Certificate, ...]

    @property
    def certificate(self) -> Certificate | None:
        return self.certificates[0] if self.certificates else None


def team_rows(*, members) -> list[TeamRow]:
    """The rows of a manager's team list (or one person's page), in ``members``' order.

    About 15 queries for any number of people (``assessment_api.learning_records`` and one for
    the certificates).
    """
    ids = [member.user_id for member in members]
    if not ids:
        return []
    records = assessment_api.learning_records(user_ids=ids)
    certificates = certificates_of(user_ids=ids)
    return [
        TeamRow(member, records[member.user_id], tuple(certificates.get(member.user_id, ())))
        for member in members
    ]


def renewals_due(certificate_ids) -> dict[int, date]:
    """Certificate id → the date its renewal is due by, for certificates whose holder has a
    renewal still to do. The assignments app answers through the ``certificate_renewals`` hook
    (it sits above certificates, which cannot import it; decision 0805); without it, nothing."""
    found: dict[int, date] = {}
    ids = list(certificate_ids)
    if ids:
        for hook in hooks.get_hooks("certificate_renewals"):
            found.update(hook(ids))
    return found

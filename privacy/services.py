"""Personal-data requests (decision 1002): export, erasure and legal holds, each recorded in the
audit trail."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit import api as audit_api
from privacy.erasure import ErasureRefused, erase_person, find_person
from privacy.export import export_zip
from privacy.models import LegalHold

__all__ = [
    "ErasureRefused",
    "erase_person",
    "export_personal_data",
    "find_person",
    "lift_legal_hold",
    "set_legal_hold",
]


def export_personal_data(person, *, actor=None, request=None) -> bytes:
    """The zip of ``person``'s data; the export is recorded (``privacy.data_exported``)."""
    data = export_zip(person)
    audit_api.record(
        "privacy.data_exported",
        actor=actor,
        obj=person,
        subject=person,
        after={"bytes": len(data)},
        request=request,
    )
    return data


def set_legal_hold(hold: LegalHold, *, actor, request=None) -> LegalHold:
    with transaction.atomic():
        hold.set_by = actor
        hold.save()
        audit_api.record(
            "privacy.legal_hold_set",
            actor=actor,
            obj=hold,
            subject=hold.person,
            after={"hold": hold.pk},
            reason=hold.reason,
            request=request,
        )
    return hold


def lift_legal_hold(hold: LegalHold, *, actor, reason: str, request=None) -> LegalHold:
    with transaction.atomic():
        hold.lifted_at = timezone.now()
        hold.lifted_by = actor
        hold.save(update_fields=["lifted_at", "lifted_by"])
        audit_api.record(
            "privacy.legal_hold_lifted",
            actor=actor,
            obj=hold,
            subject=hold.person,
            after={"hold": hold.pk},
            reason=reason,
            request=request,
        )
    return hold

"""Writes of assignments: granting a deadline override with its reason (decision 0803)."""

from __future__ import annotations

from django.db import transaction

from assignments.models import DeadlineOverride
from audit import api as audit


@transaction.atomic
def override_grant(*, override: DeadlineOverride, by, request=None) -> DeadlineOverride:
    """Save ``override`` as granted by ``by`` and write it, with its reason, to the audit trail.
    Without a reason ``ReasonRequired`` is raised and nothing is saved."""
    override.granted_by = by
    override.save()
    audit.record(
        "assignments.deadline_overridden",
        actor=by,
        obj=override.assignment,
        subject=override.user,
        after={
            "override": override.pk,
            "unit": override.unit_id,
            "start_at": override.start_at,
            "due_at": override.due_at,
        },
        reason=override.reason,
        request=request,
    )
    return override

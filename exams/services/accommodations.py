"""Writes of exam accommodations: granting one (a new grant or an edit of one) with its reason."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit import api as audit
from exams.models import Accommodation


@transaction.atomic
def accommodation_grant(*, accommodation: Accommodation, by, request=None) -> Accommodation:
    """Save ``accommodation`` (new or edited) as granted now by ``by``, and write the grant and
    its reason to the audit trail. Without a reason ``ReasonRequired`` is raised and nothing is
    saved."""
    accommodation.granted_by = by
    accommodation.granted_at = timezone.now()
    accommodation.save()
    audit.record(
        "exams.accommodation_granted",
        actor=by,
        obj=accommodation,
        subject=accommodation.user,
        after={
            "quiz": accommodation.quiz_id,
            "unit": accommodation.unit_id,
            "extra_minutes": accommodation.extra_minutes,
            "extra_percent": accommodation.extra_percent,
            "extra_attempts": accommodation.extra_attempts,
            "open_at": accommodation.open_at,
            "close_at": accommodation.close_at,
        },
        reason=accommodation.reason,
        request=request,
    )
    return accommodation

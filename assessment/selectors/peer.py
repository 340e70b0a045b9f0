"""Reads of peer evaluation: the assignments of an engineer as a rater."""

from __future__ import annotations

from django.db.models import QuerySet

from assessment.models import PeerAssignment, PeerRound


def peer_assignments_to_rate(*, user) -> QuerySet:
    """The teammates an engineer still has to rate in open rounds."""
    return PeerAssignment.objects.filter(
        rater=user, round__status=PeerRound.Status.OPEN, submitted_at__isnull=True
    )


def peer_assignments_of(*, user) -> QuerySet:
    """Every assignment of an engineer as a rater, in open rounds first."""
    return (
        PeerAssignment.objects.filter(rater=user)
        .select_related("round", "ratee")
        .order_by("-round__status", "-round__opened_at", "ratee__employee_id")
    )

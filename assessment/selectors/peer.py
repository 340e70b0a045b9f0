"""Reads of peer evaluation: the assignments of an engineer as a rater, a round's details."""

from __future__ import annotations

import json

from django.db.models import JSONField, OuterRef, QuerySet, Subquery

from assessment.models import PeerAssignment, PeerRound, SchemeVersion
from assessment.models.scheme import block_data


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


def peer_round_detail(*, pk: int) -> PeerRound | None:
    """A round with its program and, as ``indicator_texts``, the name of its indicator in both
    languages (``{"name": zh, "name_en": en}``, from the program's active scheme; empty when the
    indicator is no longer there), in one query."""
    active = SchemeVersion.objects.filter(
        program=OuterRef("program"), status=SchemeVersion.Status.ACTIVE
    ).values("dimensions")[:1]
    peer_round = (
        PeerRound.objects.select_related("program")
        .annotate(active_dimensions=Subquery(active, output_field=JSONField()))
        .filter(pk=pk)
        .first()
    )
    if peer_round is not None:
        peer_round.indicator_texts = indicator_texts_in(
            peer_round.active_dimensions, peer_round.indicator
        )
    return peer_round


def indicator_texts_in(raw_dimensions, code: str) -> dict:
    """The names of indicator ``code`` in a scheme version's raw ``dimensions`` (a round's
    page shows them), ``{"name": zh, "name_en": en}``; empty when it is not there."""
    if isinstance(raw_dimensions, str):
        raw_dimensions = json.loads(raw_dimensions)
    for block in raw_dimensions or []:
        for indicator in block_data(block).get("indicators", []):
            if indicator.get("code") == code:
                return {"name": indicator.get("name", ""), "name_en": indicator.get("name_en", "")}
    return {}

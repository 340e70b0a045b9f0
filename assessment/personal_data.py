"""A person's assessment data for their data export and erasure (decision 1002), through
``assessment.api``.

Peer ratings they received are exported without who gave them. Erasure keeps every number
(metric values, ratings, totals, grades) and removes the free text by or about the person:
notes on their metrics, comments on their scorecards and their replies, and comments they wrote
on other people's scorecards.
"""

from __future__ import annotations

from django.db.models import Q

from assessment.models import (
    MetricRecord,
    MetricRecordChange,
    PeerAssignment,
    Scorecard,
    SupervisorRating,
)


def export_rows(person) -> dict[str, list[dict]]:
    metrics = MetricRecord.objects.filter(employee=person).order_by("period", "indicator")
    peer = PeerAssignment.objects.filter(ratee=person, submitted_at__isnull=False)
    supervisor = SupervisorRating.objects.filter(employee=person, submitted_at__isnull=False)
    scorecards = Scorecard.objects.filter(employee=person).order_by("period", "revision")
    return {
        "metrics": list(
            metrics.values("indicator", "period", "value", "source", "note", "updated_at")
        ),
        # Who rated is not the person's data: only the round and the scores.
        "peer_ratings_received": list(
            peer.order_by("submitted_at").values(
                "round__title", "round__period", "scores", "submitted_at"
            )
        ),
        "supervisor_ratings_received": list(
            supervisor.order_by("submitted_at").values(
                "round__title", "round__period", "scores", "submitted_at"
            )
        ),
        "scorecards": list(
            scorecards.values(
                "program__code",
                "period",
                "revision",
                "status",
                "total",
                "grade",
                "snapshot",
                "finalised_at",
                "comments",
                "acknowledged_at",
                "reply",
            )
        ),
    }


def erase(person, *, dry_run: bool) -> dict[str, int]:
    notes = MetricRecord.objects.filter(employee=person).filter(~Q(note=""))
    old_notes = MetricRecordChange.objects.filter(record__employee=person).filter(~Q(old_note=""))
    about = Scorecard.objects.filter(employee=person).filter(~Q(comments="") | ~Q(reply=""))
    written = Scorecard.objects.filter(comments_by=person).exclude(employee=person)
    written = written.filter(~Q(comments=""))
    counts = {
        "assessment.metric_notes": notes.count() + old_notes.count(),
        "assessment.scorecard_comments": about.count() + written.count(),
    }
    if not dry_run:
        notes.update(note="")
        old_notes.update(old_note="")
        about.update(comments="", reply="")
        written.update(comments="")
    return counts

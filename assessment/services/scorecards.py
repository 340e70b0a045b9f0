"""Writes of scorecards: finalise a live scorecard as a frozen revision, the assessor's
comments and the engineer's acknowledgement of the feedback report."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import definition, explain, scoring, snapshots
from assessment.errors import AssessmentError, ReasonMissing
from assessment.models import Program, Scorecard, snapshot_sha256
from assessment.notices import notify_on_commit
from assessment.selectors.scorecards import LiveScorecard, live_scorecard
from audit import api as audit
from lms.bilingual import pair

COMPARED_PARTS = ("scheme_version", "inputs", "result")


def scorecard_snapshot(card: LiveScorecard) -> dict:
    """What finalising freezes: who, which program and period, the scheme version, the inputs,
    the result and the titles of the exams and cases as they were (shown, never compared)."""
    return {
        "format": 1,
        "employee": {
            "id": card.engineer.id,
            "employee_id": card.engineer.employee_id,
            "name": card.engineer.name,
        },
        "program": {"code": card.program.code, **pair(card.program, "name")},
        "period": card.period,
        "scheme_version": {
            "number": card.version.number,
            "definition": definition.to_dict(card.version.scheme()),
        },
        "inputs": snapshots.inputs_to_dict(card.inputs, card.metrics),
        "result": snapshots.result_to_dict(card.result),
        "titles": card.titles.to_dict(),
    }


def snapshot_differs(live: dict, frozen: dict) -> bool:
    """Whether the inputs, the scheme version or the result changed since a revision.

    The note that an exam result is provisional (a retake awaiting marking) is no change: the
    figures are the same, and marking that raises one makes the difference.
    """
    return any(
        snapshots.without_marking_notes(live.get(part))
        != snapshots.without_marking_notes(frozen.get(part))
        for part in COMPARED_PARTS
    )


@transaction.atomic
def scorecard_finalise(
    *, program: Program, period: str, user_id: int, by, reason: str = "", request=None
) -> tuple[Scorecard, bool]:
    """Freeze the live scorecard as a new revision; return (revision, created).

    When nothing changed since the latest revision, that revision is returned unchanged.
    A new revision over a finalised one reopens it: that needs a ``reason`` (``ReasonMissing``
    without one). Both are written to the audit trail.
    """
    card = live_scorecard(program=program, period=period, user_id=user_id)
    if card is None:
        raise AssessmentError(_("This program has no active scheme version."))
    if card.result.status == scoring.INCOMPLETE:
        raise AssessmentError(
            _("An incomplete scorecard cannot be finalised: %(count)d inputs are missing.")
            % {"count": len(card.result.missing)}
        )
    refusal = explain.provisional_refusal(card.result)
    if refusal:
        raise AssessmentError(refusal)
    snapshot = scorecard_snapshot(card)
    latest = (
        Scorecard.objects.filter(employee_id=user_id, program=program, period=period)
        .order_by("-revision")
        .first()
    )
    if latest is not None and not snapshot_differs(snapshot, latest.snapshot):
        return latest, False
    if latest is not None and not (reason or "").strip():
        raise ReasonMissing(
            _(
                "Revision %(n)d of this scorecard is finalised: give a reason to finalise "
                "a new revision."
            )
            % {"n": latest.revision}
        )
    revision = Scorecard.objects.create(
        employee_id=user_id,
        program=program,
        period=period,
        revision=(latest.revision + 1) if latest else 1,
        scheme_version=card.version,
        status=card.result.status,
        total=scoring.display(card.result.total),
        grade=card.result.grade or "",
        snapshot=snapshot,
        sha256=snapshot_sha256(snapshot),
        finalised_at=timezone.now(),
        finalised_by=by,
    )
    _record_finalised(revision, latest, by=by, reason=reason, request=request)
    notify_on_commit(revision)
    return revision, True


def _record_finalised(revision: Scorecard, latest: Scorecard | None, *, by, reason, request):
    summary = {
        "program": revision.program.code,
        "period": revision.period,
        "revision": revision.revision,
        "status": revision.status,
        "total": revision.total,
        "grade": revision.grade,
    }
    if latest is not None:
        audit.record(
            "assessment.scorecard_reopened",
            actor=by,
            obj=latest,
            subject=revision.employee,
            before={"revision": latest.revision, "status": latest.status, "total": latest.total},
            after={"revision": revision.revision},
            reason=reason,
            request=request,
        )
    audit.record(
        "assessment.scorecard_finalised",
        actor=by,
        obj=revision,
        subject=revision.employee,
        before=(
            {"revision": latest.revision, "status": latest.status, "total": latest.total}
            if latest
            else None
        ),
        after=summary,
        reason=reason,
        request=request,
    )


def scorecard_comment(*, scorecard: Scorecard, comments: str, by) -> Scorecard:
    if scorecard.acknowledged_at is not None:
        raise AssessmentError(
            _("The engineer has acknowledged this report; the comments can no longer change.")
        )
    scorecard.comments = comments.strip()
    scorecard.comments_by = by
    scorecard.comments_at = timezone.now()
    scorecard.save(update_fields=["comments", "comments_by", "comments_at"])
    return scorecard


def scorecard_acknowledge(*, scorecard: Scorecard, reply: str, by, request=None) -> Scorecard:
    if by.pk != scorecard.employee_id:
        raise AssessmentError(_("Only the engineer can acknowledge their feedback report."))
    if scorecard.acknowledged_at is not None:
        raise AssessmentError(_("You have already acknowledged this report."))
    scorecard.acknowledged_at = timezone.now()
    scorecard.reply = reply.strip()
    with transaction.atomic():
        scorecard.save(update_fields=["acknowledged_at", "reply"])
        audit.record(
            "assessment.scorecard_acknowledged",
            actor=by,
            obj=scorecard,
            subject=scorecard.employee,
            after={"revision": scorecard.revision, "acknowledged_at": scorecard.acknowledged_at},
            request=request,
        )
    return scorecard

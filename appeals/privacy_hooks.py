"""Appeals in the personal-data app's hooks (decision 1002): a person with an open appeal
cannot be erased, their appeals are a section of their data export, and erasing them removes
their appeal reasons and files. Imported by
``AppealsConfig.ready`` only when ``privacy`` is installed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from appeals.models import OPEN_STATUSES, Appeal, AppealAttachment
from lms.private_files import delete_with_files
from privacy import api as privacy_api


def open_appeal_blocker(person) -> str | None:
    """Why ``person`` cannot be erased now: an appeal of theirs is still open."""
    open_appeals = Appeal.objects.filter(learner=person, status__in=OPEN_STATUSES)
    references = [appeal.reference for appeal in open_appeals.order_by("pk")]
    if not references:
        return None
    return _("has an open appeal (%(references)s)") % {"references": ", ".join(references)}


def export_rows(person) -> list[dict]:
    """The person's appeals as JSON-able rows (who re-marked or resolved them is left out)."""
    rows = Appeal.objects.filter(learner=person).select_related("program").order_by("pk")
    return [
        {
            "reference": appeal.reference,
            "program": appeal.program.code,
            "kind": appeal.kind,
            "title": appeal.title,
            "title_en": appeal.title_en,
            "released_at": appeal.released_at.isoformat(),
            "filed_at": appeal.filed_at.isoformat(),
            "reason": appeal.reason,
            "attachments": [a.name for a in appeal.attachments.all()],
            "due_on": appeal.due_on.isoformat(),
            "status": appeal.status,
            "outcome": appeal.outcome,
            "result_before": appeal.result_before,
            "result_after": appeal.result_after,
            "explanation": appeal.explanation,
            "resolved_at": appeal.resolved_at.isoformat() if appeal.resolved_at else None,
            "new_scorecard_revisions": appeal.revisions,
        }
        for appeal in rows.prefetch_related("attachments")
    ]


def erase(person, *, dry_run: bool) -> dict[str, int]:
    """Remove what the person wrote and sent with their (closed) appeals: the reasons and the
    attached files, from the database and the storage. The outcome and the figures stay, so
    the appeals report keeps counting them; the assessors' explanations stay too (the erasure's
    sweep takes the person's name out of them)."""
    reasons = Appeal.objects.filter(learner=person).exclude(reason="")
    attachments = list(AppealAttachment.objects.filter(appeal__learner=person))
    counts = {"appeals.reasons": reasons.count(), "appeals.attachments": len(attachments)}
    if not dry_run:
        reasons.update(reason="")
        delete_with_files(attachments)
    return counts


def register() -> None:
    privacy_api.register_erasure_blocker(open_appeal_blocker)
    privacy_api.register_export_section("appeals", export_rows)
    privacy_api.register_erasure_handler(erase)

from __future__ import annotations

from django.db.models import Q, QuerySet

from audit.models import Entry


def entries_about(person) -> QuerySet[Entry]:
    """Every entry about ``person`` or made by them, oldest first."""
    return Entry.objects.filter(Q(subject=person) | Q(actor=person)).order_by(
        "at", "chain", "sequence"
    )

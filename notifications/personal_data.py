"""A person's inbox for their data export and erasure (decision 1002), through
``notifications.api``. Erasure deletes their inbox entries (with their deliveries) and their
channel preferences; what names them in other people's inboxes is rewritten by privacy's sweep.
"""

from __future__ import annotations

from notifications.models import Delivery, Notification, Preference


def export_rows(person) -> dict[str, list[dict]]:
    rows = Notification.objects.filter(recipient=person).order_by("created_at", "pk")
    return {
        "notifications": list(rows.values("event", "title", "title_en", "created_at", "read_at"))
    }


def erase(person, *, dry_run: bool) -> dict[str, int]:
    inbox = Notification.objects.filter(recipient=person)
    deliveries = Delivery.objects.filter(notification__recipient=person)
    preferences = Preference.objects.filter(user=person)
    counts = {
        "notifications.inbox": inbox.count(),
        "notifications.deliveries": deliveries.count(),
        "notifications.preferences": preferences.count(),
    }
    if not dry_run:
        deliveries.delete()
        inbox.delete()
        preferences.delete()
    return counts

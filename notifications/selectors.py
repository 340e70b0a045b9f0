"""Reads for the inbox and the header."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from notifications import events, unread
from notifications.models import Notification, Preference

PAGE_SIZE = 20


def inbox_page(*, user, page_number) -> Page:
    """One page of ``user``'s notifications, newest first. Two queries (count, page), however
    many there are."""
    notifications = Notification.objects.filter(recipient=user).only(
        "pk", "event", "title", "title_en", "url", "created_at", "read_at"
    )
    return Paginator(notifications, PAGE_SIZE).get_page(page_number)


def unread_count(*, user) -> int:
    """From the cache (``notifications.unread``); one query when it is not there. The query is
    built only then: building it is a third of a cached count's cost."""
    return unread.count(
        user.pk, lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    )


@dataclass(frozen=True)
class PreferenceRow:
    key: str
    label: str
    has_email: bool
    email: bool
    robot: bool
    email_required: bool = False  # on whatever the person chooses (shown checked, disabled)
    robot_required: bool = False


def preferences_for(*, user) -> list[PreferenceRow]:
    """Every event type with ``user``'s email and robot choice (or the defaults). One query."""
    stored = {p.event: p for p in Preference.objects.filter(user=user)}
    rows = []
    for event_type in events.all_event_types():
        preference = stored.get(event_type.key)
        required = events.required_channels(event_type.key)
        rows.append(
            PreferenceRow(
                key=event_type.key,
                label=event_type.label,
                has_email=event_type.email is not None,
                email=preference.email if preference else event_type.email_default,
                robot=preference.robot if preference else event_type.robot_default,
                email_required="email" in required,
                robot_required="robot" in required,
            )
        )
    return rows

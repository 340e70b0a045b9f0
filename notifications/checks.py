"""System checks of the notification settings (run by ``manage.py check`` and at start-up)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from notifications import events

CHANNELS = ("email", "robot")


@checks.register()
def required_channels_are_known(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every NOTIFICATIONS_REQUIRED_CHANNELS entry names a registered event and a channel."""
    known = {event.key for event in events.all_event_types()}
    problems = []
    for entry in settings.NOTIFICATIONS_REQUIRED_CHANNELS:
        event, _sep, channel = entry.partition(":")
        if event not in known or channel not in CHANNELS:
            problems.append(
                checks.Error(
                    f"NOTIFICATIONS_REQUIRED_CHANNELS has {entry!r}: write event:channel with "
                    f"one of the events {sorted(known)} and a channel of {list(CHANNELS)}.",
                    id="notifications.E001",
                )
            )
    return problems

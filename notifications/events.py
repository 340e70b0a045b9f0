"""The registry of event types. Each app registers the events it sends in its ``notices.py``
(found by NotificationsConfig.ready): a key, a label for the preferences page, the defaults of
its channels and, when it mails, a function that writes the email. "Assigned", "due soon" and
"overdue" join the same way when assignments exist (decision 0800)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage

# (recipient, item) → the email to send, or None when there is nothing to send any more.
EmailBuilder = Callable[..., EmailMessage | None]
# user ids → {user id: [robot id, …]}: the robots whose groups hear about each person.
RobotResolver = Callable[[list[int]], dict[int, list[int]]]


@dataclass(frozen=True)
class EventType:
    key: str
    label: str
    email: EmailBuilder | None = None
    email_default: bool = True
    robot_default: bool = True
    order: int = 100
    # Channels the event always uses, whatever the person chooses (``"email"``, ``"robot"``);
    # administrators add more with the NOTIFICATIONS_REQUIRED_CHANNELS setting.
    required: tuple[str, ...] = ()


_EVENTS: dict[str, EventType] = {}
_RESOLVERS: list[RobotResolver] = []


def register(event_type: EventType) -> EventType:
    _EVENTS[event_type.key] = event_type
    return event_type


def unregister(key: str) -> None:
    """Forget an event type (tests register their own and remove them again)."""
    _EVENTS.pop(key, None)


def get(key: str) -> EventType:
    try:
        return _EVENTS[key]
    except KeyError:
        raise LookupError(f"No notification event type {key!r} is registered.") from None


def required_channels(key: str) -> set[str]:
    """The channels event ``key`` always uses: its own, and those the administrators require in
    the NOTIFICATIONS_REQUIRED_CHANNELS setting (``event:channel`` entries)."""
    required = set(get(key).required)
    for entry in settings.NOTIFICATIONS_REQUIRED_CHANNELS:
        event, _sep, channel = entry.partition(":")
        if event == key:
            required.add(channel)
    return required


def all_event_types() -> list[EventType]:
    return sorted(_EVENTS.values(), key=lambda event: (event.order, event.key))


def register_robot_resolver(resolver: RobotResolver) -> None:
    if resolver not in _RESOLVERS:
        _RESOLVERS.append(resolver)


def robots_for(user_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for resolver in _RESOLVERS:
        for user_id, robot_ids in resolver(user_ids).items():
            found.setdefault(user_id, [])
            found[user_id] += [pk for pk in robot_ids if pk not in found[user_id]]
    return found

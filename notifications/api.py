"""What other apps call to tell people things (decision 0800).

- In ``<app>/notices.py``: ``register_event_type(EventType(...))`` for each event the app sends,
  with the function that writes its email; people registers a robot resolver.
- After the change is committed: ``notify(recipient=…, event=…, item=…, title=…, …)``. It
  stores the inbox entry and queues one delivery per channel the person keeps on; calling it
  again for the same person, event, item and stage does nothing.
- Many at once (``send_reminders``): ``notify_many(notices=[Notice(...), …])``, the same promise
  in a few queries per 1,000 notices, returning each channel used (``Sent``); ``dry_run=True``
  writes nothing and says what would go out. ``already_notified(keys)`` finds who was told;
  ``told_about(event=…, stage=…, items=…)`` finds everyone told about some items (senders
  checking thousands of people).
- ``Robot`` is named here for the apps that point at a robot (people's units);
  ``demo_robot()`` is the demo's, for the demo organisation's head office.
"""

from __future__ import annotations

from notifications.bulk import Notice, Sent, already_notified, notify_many, told_about
from notifications.demo import demo_robot
from notifications.events import EventType, register_robot_resolver
from notifications.events import register as register_event_type
from notifications.models import Robot
from notifications.services import notify

__all__ = [
    "EventType",
    "Notice",
    "Robot",
    "Sent",
    "already_notified",
    "demo_robot",
    "notify",
    "notify_many",
    "register_event_type",
    "register_robot_resolver",
    "told_about",
]


# --- Personal data (issue 18, decision 1002): privacy's export and erasure --------------------


def personal_data(*, person) -> dict[str, list[dict]]:
    """The person's inbox."""
    from notifications import personal_data

    return personal_data.export_rows(person)


def erase_personal_data(*, person, dry_run: bool = False) -> dict[str, int]:
    """Delete the person's inbox, its deliveries and their channel preferences."""
    from notifications import personal_data

    return personal_data.erase(person, dry_run=dry_run)

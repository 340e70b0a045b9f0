"""What people administration writes to Wagtail's audit log (decision 0707).

Every change to a person, by an administrator in ``/cms/``, by the roster import, by an
invitation, is a ``ModelLogEntry`` on the person's account: it shows in Wagtail's own history
of the user (``/cms/users/history/<id>/``), in its site history report, and on the person's page
of the People screen. Single changes go through ``wagtail.log_actions.log``; the roster import
writes its entries with one bulk statement per 500 people (``log_many``).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

BATCH = 500

DEACTIVATE = "people.deactivate"
REACTIVATE = "people.reactivate"
INVITATION_SENT = "people.invitation_sent"
INVITATION_ACCEPTED = "people.invitation_accepted"
ROSTER_CREATE = "people.roster_create"
ROSTER_UPDATE = "people.roster_update"
ROSTER_DEACTIVATE = "people.roster_deactivate"

# The fields a roster row may change, as the history names them.
FIELD_LABELS = {
    "display_name": _("name"),
    "department": _("department"),
    "hire_date": _("hire date"),
    "email": _("email"),
    "is_active": _("active"),
    "manager_id": _("manager"),
    "unit_id": _("unit"),
    "position": _("position"),
    "mobile": _("mobile"),
    "status": _("status"),
    "roles": _("roles"),
}


class RosterFormatter(LogFormatter):
    """ "Updated from the roster: unit, position"."""

    def format_message(self, log_entry):
        changed = [str(FIELD_LABELS.get(name, name)) for name in log_entry.data.get("changed", [])]
        if not changed:
            return str(self.message)
        return _("%(action)s: %(fields)s") % {"action": self.message, "fields": ", ".join(changed)}


ACTIONS = [
    (DEACTIVATE, _("Deactivate"), _("Deactivated")),
    (REACTIVATE, _("Reactivate"), _("Reactivated")),
    (INVITATION_SENT, _("Send invitation"), _("Invitation sent")),
    (INVITATION_ACCEPTED, _("Accept invitation"), _("Password set from an invitation")),
]
ROSTER_ACTIONS = [
    (ROSTER_CREATE, _("Create from the roster"), _("Created from the roster")),
    (ROSTER_UPDATE, _("Update from the roster"), _("Updated from the roster")),
    (ROSTER_DEACTIVATE, _("Deactivate from the roster"), _("Deactivated by the roster")),
]


def register(actions) -> None:
    """The ``register_log_actions`` hook: the labels Wagtail's history and reports show."""
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
    for action, label, message in ROSTER_ACTIONS:
        texts = {"label": label, "message": message}
        formatter = type("RosterFormatter", (RosterFormatter,), texts)
        actions.register_action(action)(formatter)


def log_many(entries: Iterable[tuple], *, by=None) -> int:
    """Write ``(user, action, data)`` entries in bulk, one shared uuid (one import is one
    action), timestamped now. Returns how many were written.

    Query budget: 1 per 500 entries (plus the content type, cached).
    """
    content_type = ContentType.objects.get_for_model(get_user_model(), for_concrete_model=False)
    now, shared = timezone.now(), uuid_module.uuid4()
    rows = [
        ModelLogEntry(
            content_type=content_type,
            label=str(user)[:1000],
            action=action,
            data=data,
            timestamp=now,
            uuid=shared,
            user_id=by.pk if by is not None else None,
            object_id=str(user.pk),
            content_changed=True,
        )
        for user, action, data in entries
    ]
    ModelLogEntry.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)

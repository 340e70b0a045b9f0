"""What people tells the notification service (decision 0800): which group robot hears about
a person — the robot of their unit, or else of the nearest unit above it that names one — and
the administrator's "invitations sent" once the worker has sent a bulk invitation."""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from notifications.api import EventType, notify, register_event_type, register_robot_resolver
from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR
from people.services.invitations import named

INVITATIONS_SENT = "invitations_sent"
NAMED = 5  # refused people named in the inbox entry, at most

# The administrator's own business: in the inbox only, unless they choose more.
register_event_type(
    EventType(
        key=INVITATIONS_SENT,
        label=gettext_lazy("Invitations"),
        email_default=False,
        robot_default=False,
        order=90,
    )
)


def _invitations_title(result) -> str:
    text = ngettext(
        "Invitations sent: %(count)s person.",
        "Invitations sent: %(count)s people.",
        len(result.sent),
    ) % {"count": len(result.sent)}
    if result.failed:
        text += " " + _(
            "The mail server refused %(count)s: %(names)s. Invite them again later."
        ) % {"count": len(result.failed), "names": named(result.failed, at_most=NAMED)}
    return text


def tell_invitations_sent(*, by, result) -> bool:
    """Tell the administrator ``by`` how a bulk invitation went (``people.tasks``)."""
    with translation.override("zh-hans"):
        title = _invitations_title(result)
    with translation.override("en"):
        title_en = _invitations_title(result)
    return notify(
        recipient=by,
        event=INVITATIONS_SENT,
        item=f"invitations:{uuid.uuid4().hex}",
        title=title,
        title_en=title_en,
        url=reverse("people_list"),
    )


def ancestor_paths(path: str) -> list[str]:
    parts = path.split(SEPARATOR)
    return [SEPARATOR.join(parts[:depth]) for depth in range(1, len(parts) + 1)]


def unit_robots(user_ids: list[int]) -> dict[int, list[int]]:
    """``{user id: [robot id]}`` for the placed people among ``user_ids``. Two queries."""
    unit_paths = dict(
        Placement.objects.filter(user_id__in=user_ids).values_list("user_id", "unit__path")
    )
    wanted = {p for path in unit_paths.values() for p in ancestor_paths(path)}
    robots = dict(
        OrgUnit.objects.filter(path__in=wanted, robot__isnull=False).values_list("path", "robot_id")
    )
    found = {}
    for user_id, path in unit_paths.items():
        nearest = next((robots[p] for p in reversed(ancestor_paths(path)) if p in robots), None)
        if nearest is not None:
            found[user_id] = [nearest]
    return found


register_robot_resolver(unit_robots)

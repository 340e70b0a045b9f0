"""What people tells the notification service: which group robot hears about a person — the
robot of their unit, or else of the nearest unit above it that names one (decision 0800)."""

from __future__ import annotations

from notifications.api import register_robot_resolver
from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR


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

"""Units and placements for tests: ``place(user, "总部/华东/上海")`` makes the path's units."""

from __future__ import annotations

from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR


def unit(path: str, *, manager=None) -> OrgUnit:
    """The unit at ``path`` (and its parents), created if missing; ``manager`` set if given."""
    parent = None
    parts = path.split(SEPARATOR)
    for depth in range(1, len(parts) + 1):
        here = SEPARATOR.join(parts[:depth])
        parent, _created = OrgUnit.objects.get_or_create(
            path=here, defaults={"name": parts[depth - 1], "parent": parent, "depth": depth}
        )
    if manager is not None:
        parent.manager = manager
        parent.save(update_fields=["manager"])
    return parent


def place(user, path: str, position: str = "") -> Placement:
    placement, _created = Placement.objects.update_or_create(
        user=user, defaults={"unit": unit(path), "position": position}
    )
    return placement

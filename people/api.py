"""What other apps may ask of the organisation, as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from people.selectors import unit_rows


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    path: str
    parent_id: int | None


def units() -> list[Unit]:
    """Every organisational unit, ordered by path (parents before their children)."""
    return [Unit(id=u.pk, name=u.name, path=u.path, parent_id=u.parent_id) for u in unit_rows()]

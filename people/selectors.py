"""Reads of the organisation."""

from __future__ import annotations

from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR


def unit_rows() -> list[OrgUnit]:
    """Every unit, parents before their children (ordered by path), with its manager.

    Query budget: 1.
    """
    return list(OrgUnit.objects.select_related("manager").order_by("path"))


def subtree_ids(units: list[OrgUnit], top_ids: set[int]) -> set[int]:
    """The ids of the units in ``top_ids`` and of every unit below them, from ``units`` (all
    of them, as :func:`unit_rows` reads them). Pure: no query."""
    tops = [unit.path for unit in units if unit.pk in top_ids]
    return {
        unit.pk
        for unit in units
        if any(unit.path == top or unit.path.startswith(top + SEPARATOR) for top in tops)
    }


def placements_in(unit_ids: set[int], *, username: str | None = None) -> list[Placement]:
    """The placements in these units (of one person, by username, when given) with their
    person and unit, by unit path then employee id. Query budget: 1."""
    placements = Placement.objects.filter(unit_id__in=unit_ids)
    if username is not None:
        placements = placements.filter(user__username=username)
    return list(
        placements.select_related("unit", "user").order_by(
            "unit__path", "user__employee_id", "user__username"
        )
    )

"""The organisation (units, placements, managers) as every app reads it.

The ``people`` app owns the organisation and sits above ``lms``, which imports no app; so
``people`` hands its ``api`` module to ``lms`` through the ``organisation`` Wagtail hook, and
courses, assessment and certificates read units and members here (decision 0701). Without the
``people`` app there are no units: every function answers empty.
"""

from __future__ import annotations

from wagtail import hooks


class _NoOrganisation:
    @staticmethod
    def units():
        return []

    @staticmethod
    def units_below(*, unit_ids):
        return set()

    @staticmethod
    def managed_unit_ids(*, user_id):
        return set()

    @staticmethod
    def members(*, unit_ids, username=None):
        return []

    @staticmethod
    def unit_paths_above(*, user_id):
        return []


def _source():
    found = hooks.get_hooks("organisation")
    return found[0]() if found else _NoOrganisation


def units() -> list:
    """Every unit (``id``, ``name``, ``path``, ``parent_id``, ``depth``), parents first. 1 query."""
    return _source().units()


def units_below(unit_ids) -> set[int]:
    """These units and every unit below them. 1 query."""
    return _source().units_below(unit_ids=list(unit_ids))


def managed_unit_ids(user) -> set[int]:
    """The units ``user`` manages and every unit below them (empty for anyone else). 1 query."""
    if not user.is_authenticated:
        return set()
    return _source().managed_unit_ids(user_id=user.pk)


def members(unit_ids, *, username: str | None = None) -> list:
    """The people placed in these units (``user_id``, ``username``, ``employee_id``, ``name``,
    ``is_active``, ``unit_id``, ``unit_path``, ``position``), by unit path then employee id.
    Only the person with ``username`` when given. 1 query (none for no units)."""
    unit_ids = set(unit_ids)
    return _source().members(unit_ids=unit_ids, username=username) if unit_ids else []


def people_below(unit_ids) -> set[int]:
    """User ids of the people placed in these units or below them. 2 queries."""
    return {member.user_id for member in members(units_below(unit_ids))}


def unit_paths_above(user) -> list[str]:
    """The path of the unit ``user`` is placed in and of every unit above it (empty when they
    are placed nowhere). 1 query."""
    if not user.is_authenticated:
        return []
    return _source().unit_paths_above(user_id=user.pk)

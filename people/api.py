"""What other apps may ask of the organisation, as plain values.

``lms.organisation`` reaches these through the ``organisation`` hook (people sits above lms,
which may not import it), so every app reads the organisation the same way (decision 0701).
"""

from __future__ import annotations

from dataclasses import dataclass

from people.selectors import placements_in, subtree_ids, unit_rows
from people.signals import roster_applied  # noqa: F401 — other apps' caches listen to it


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    path: str
    parent_id: int | None
    depth: int = 1


@dataclass(frozen=True)
class Member:
    """A person placed in a unit."""

    user_id: int
    username: str
    employee_id: str
    name: str
    is_active: bool
    unit_id: int
    unit_path: str
    position: str


def units() -> list[Unit]:
    """Every organisational unit, ordered by path (parents before their children). 1 query."""
    return [
        Unit(id=u.pk, name=u.name, path=u.path, parent_id=u.parent_id, depth=u.depth)
        for u in unit_rows()
    ]


def units_below(*, unit_ids) -> set[int]:
    """These units and every unit below them. 1 query."""
    return subtree_ids(unit_rows(), set(unit_ids))


def managed_unit_ids(*, user_id: int) -> set[int]:
    """The units ``user_id`` manages (``OrgUnit.manager``) and every unit below them. 1 query."""
    rows = unit_rows()
    return subtree_ids(rows, {unit.pk for unit in rows if unit.manager_id == user_id})


def unit_paths_above(*, user_id: int) -> list[str]:
    """The path of the unit the person is placed in and of every unit above it, top first
    (empty when they are placed nowhere). 1 query."""
    from people.models import Placement
    from people.models.units import SEPARATOR

    path = Placement.objects.filter(user_id=user_id).values_list("unit__path", flat=True).first()
    if not path:
        return []
    parts = path.split(SEPARATOR)
    return [SEPARATOR.join(parts[: n + 1]) for n in range(len(parts))]


def members(*, unit_ids, username: str | None = None) -> list[Member]:
    """The people placed in these units (not below them), by unit path then employee id; only
    the one with ``username`` when given. 1 query."""
    return [
        Member(
            user_id=placement.user_id,
            username=placement.user.username,
            employee_id=placement.user.employee_id or "",
            name=placement.user.get_full_name(),
            is_active=placement.user.is_active,
            unit_id=placement.unit_id,
            unit_path=placement.unit.path,
            position=placement.position,
        )
        for placement in placements_in(set(unit_ids), username=username)
    ]


# --- Personal data (issue 18, decision 1002): privacy's export and erasure --------------------


def personal_data(*, person) -> dict[str, list[dict]]:
    """The person's placement in the organisation (unit, position, mobile, status)."""
    from people.models import Placement

    rows = Placement.objects.filter(user=person).values(
        "unit__path", "position", "mobile", "status"
    )
    return {"placement": list(rows)}


def erase_personal_data(*, person, dry_run: bool = False) -> dict[str, int]:
    """Clear the person's mobile number and position (their unit stays: statistics by unit)
    and delete the roster uploads that may name them: every applied one (its job is done),
    and a pending one whose file mentions their employee ID or cannot be searched (XLSX)."""
    from people.models import Placement, RosterUpload

    rows = Placement.objects.filter(user=person).exclude(mobile="", position="")
    count = rows.count()
    marks = [
        person.employee_id.encode(encoding) for encoding in ("utf-8", "gbk") if person.employee_id
    ]
    uploads = [
        upload.pk
        for upload in RosterUpload.objects.all()
        if upload.applied_at
        or bytes(upload.data).startswith(b"PK")
        or any(mark in bytes(upload.data) for mark in marks)
    ]
    if not dry_run:
        rows.update(mobile="", position="")
        RosterUpload.objects.filter(pk__in=uploads).delete()
    return {"people.placement_contacts": count, "people.roster_uploads": len(uploads)}

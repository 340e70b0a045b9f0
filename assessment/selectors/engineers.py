"""Reads of engineers (users with an employee ID), in a fixed number of queries for any number."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

IN_CHUNK = 5000  # ids per "IN (…)" clause; SQLite limits the number of query parameters


@dataclass(frozen=True)
class Engineer:
    id: int
    employee_id: str
    name: str
    department: str = ""
    region: str = ""


def _engineer(row) -> Engineer:
    pk, employee_id, display_name, first, last, username, department, region = row
    name = display_name or f"{first} {last}".strip() or username
    return Engineer(pk, employee_id or "", name, department, region)


ENGINEER_FIELDS = (
    "pk",
    "employee_id",
    "display_name",
    "first_name",
    "last_name",
    "username",
    "department",
    "region",
)


def engineers_by_ids(user_ids: Iterable[int]) -> dict[int, Engineer]:
    """Engineers by user id, in one query (for a large set, every user is read and filtered
    here, which keeps to one query without overflowing SQLite's limit on parameters)."""
    User = get_user_model()
    ids = set(user_ids)
    if not ids:
        return {}
    users = User.objects.all() if len(ids) > IN_CHUNK else User.objects.filter(pk__in=ids)
    return {row[0]: _engineer(row) for row in users.values_list(*ENGINEER_FIELDS) if row[0] in ids}


def engineer_by_employee_id(employee_id: str) -> Engineer | None:
    row = (
        get_user_model()
        .objects.filter(employee_id=employee_id)
        .values_list(*ENGINEER_FIELDS)
        .first()
    )
    return _engineer(row) if row else None


def user_ids_by_employee_ids(employee_ids: Iterable[str]) -> dict[str, int]:
    User = get_user_model()
    ids = sorted(set(employee_ids))
    found = {}
    for start in range(0, len(ids), IN_CHUNK):
        found.update(
            User.objects.filter(employee_id__in=ids[start : start + IN_CHUNK]).values_list(
                "employee_id", "pk"
            )
        )
    return found

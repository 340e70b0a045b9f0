"""What other apps may ask of accounts, as plain values.

Other apps call these functions instead of reaching into ``lms.models``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from lms import roles


@dataclass(frozen=True)
class Person:
    id: int
    username: str
    employee_id: str | None
    name: str
    department: str
    region: str
    hire_date: date | None


def _person(user) -> Person:
    return Person(
        id=user.pk,
        username=user.username,
        employee_id=user.employee_id,
        name=user.get_full_name(),
        department=user.department,
        region=user.region,
        hire_date=user.hire_date,
    )


def person_by_employee_id(employee_id: str) -> Person | None:
    user = get_user_model().objects.filter(employee_id=employee_id).first()
    return _person(user) if user else None


def people_by_employee_ids(employee_ids) -> dict[str, Person]:
    users = get_user_model().objects.filter(employee_id__in=list(employee_ids))
    return {user.employee_id: _person(user) for user in users}


def is_learner(user) -> bool:
    return roles.has_role(user, roles.LEARNER)


def is_trainer(user) -> bool:
    return roles.has_role(user, roles.TRAINER)


def is_assessor(user) -> bool:
    return roles.has_role(user, roles.ASSESSOR)

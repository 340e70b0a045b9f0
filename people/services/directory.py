"""People created on their first sign-in through the company directory (decision 0706).

Only when ``LDAP_CREATE_USERS`` is on: a person the directory knows but the roster does not
becomes a Learner in the unit the directory names, with the employee id as username, as the
roster import would create them, and no local password.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.roles import LEARNER
from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR, parent_path


class SignInRefused(ValidationError):
    """The directory accepted the password, but this person may not sign in here."""


NO_UNIT = _(
    "Your company account names no department, so no account can be created for you here. "
    "Ask your IT department to add it."
)
USERNAME_TAKEN = _(
    "An account with your employee ID as its name already exists here for someone else. "
    "Ask your training administrator."
)


@dataclass(frozen=True)
class DirectoryPerson:
    employee_id: str
    name: str
    email: str
    unit_path: str  # a department path as the roster writes it: 售后服务部/华东大区/上海站


def directory_person_create(*, person: DirectoryPerson):
    """Create the Learner of a directory entry in their unit (created with its parents when
    new); raise :class:`SignInRefused` when the entry names no unit or the username is taken."""
    unit_path = SEPARATOR.join(part.strip() for part in person.unit_path.split(SEPARATOR))
    if not unit_path.strip(SEPARATOR) or "" in unit_path.split(SEPARATOR):
        raise SignInRefused(NO_UNIT, code="directory_no_unit")
    User = get_user_model()
    if User.objects.filter(username=person.employee_id).exists():
        raise SignInRefused(USERNAME_TAKEN, code="directory_username_taken")
    with transaction.atomic():
        user = User(
            username=person.employee_id,
            employee_id=person.employee_id,
            display_name=person.name[:100],
            email=person.email,
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=LEARNER))
        Placement.objects.create(user=user, unit=_unit(unit_path))
    return user


def _unit(path: str) -> OrgUnit:
    """The unit of a department path, created with the missing units above it."""
    parent = parent_path(path)
    unit = OrgUnit.objects.filter(path=path).first()
    if unit is None:
        unit = OrgUnit.objects.create(
            name=path.rsplit(SEPARATOR, 1)[-1],
            path=path,
            depth=path.count(SEPARATOR) + 1,
            parent=_unit(parent) if parent else None,
        )
    return unit

"""People who sign on through the company's identity provider (decision 0704)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from lms.roles import LEARNER
from people.models import Placement

# The roster import's own builder of a unit path and its ancestors.
from people.services.roster import _ensure_units as ensure_units


def sign_on_learner_create(*, employee_id: str, name: str, unit_path: str, email: str = ""):
    """A new Learner with this employee id (also their username) in the unit at ``unit_path``
    (created with its ancestors when missing), without a usable password."""
    User = get_user_model()
    with transaction.atomic():
        unit = ensure_units({unit_path})[unit_path]
        user = User(
            username=employee_id,
            employee_id=employee_id,
            display_name=name,
            department=unit_path,
            email=email,
            password=make_password(None),
        )
        user.save()
        Placement.objects.create(user=user, unit=unit)
        user.groups.add(Group.objects.get(name=LEARNER))
    return user

"""Reads of the organisation and of the people in it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry

from lms.roles import ADMINISTRATOR, ROLE_GROUPS
from people import audit
from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR

# The role groups a person can hold, in the order the platform names them.
PEOPLE_ROLES = ROLE_GROUPS
ACTIVE, LEFT, DEACTIVATED = "active", "left", "deactivated"


def unit_rows() -> list[OrgUnit]:
    """Every unit, parents before their children (ordered by path), with its manager.

    Query budget: 1.
    """
    return list(OrgUnit.objects.select_related("manager").order_by("path"))


def in_unit(unit: OrgUnit, prefix: str = "placement__unit__") -> Q:
    """People (or placements, with another ``prefix``) in ``unit`` or any unit below it."""
    return Q(**{f"{prefix}path": unit.path}) | Q(
        **{f"{prefix}path__startswith": unit.path + SEPARATOR}
    )


def people_matching(
    *, query: str = "", unit: OrgUnit | None = None, role: str = "", status: str = ""
) -> QuerySet:
    """Accounts matching the People screen's search and filters, ordered by username.

    ``query`` is found in the name, employee id, email or username; ``unit`` includes the units
    below it; ``status`` is ``active``, ``left`` (the roster says so; the account is inactive)
    or ``deactivated`` (inactive for another reason: an administrator's).
    """
    people = get_user_model().objects.all()
    for word in query.split():
        people = people.filter(
            Q(display_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(employee_id__icontains=word)
            | Q(email__icontains=word)
            | Q(username__icontains=word)
        )
    if unit is not None:
        people = people.filter(in_unit(unit))
    if role:
        holders = Q(pk__in=Group.objects.filter(name=role).values("user"))
        people = people.filter(holders | Q(is_superuser=True) if role == ADMINISTRATOR else holders)
    left = Q(placement__status=Placement.Status.LEFT)
    if status == ACTIVE:
        people = people.filter(is_active=True)
    elif status == LEFT:
        people = people.filter(left, is_active=False)
    elif status == DEACTIVATED:
        people = people.filter(is_active=False).exclude(left)
    return people.order_by("username")


def invitable(people: QuerySet) -> QuerySet:
    """Those of ``people`` an invitation is for: active, without a usable password."""
    return people.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)


def with_columns(people: QuerySet) -> QuerySet:
    """What a row of the People screen shows: unit, position, manager, role groups and the
    time of the last invitation (``invited_at``, from the audit log).

    Query budget: 2 for any number of rows (the rows, their role groups).
    """
    content_type = ContentType.objects.get_for_model(get_user_model(), for_concrete_model=False)
    last_invitation = (
        ModelLogEntry.objects.filter(
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            action=audit.INVITATION_SENT,
        )
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )
    roles = Prefetch(
        "groups", queryset=Group.objects.filter(name__in=PEOPLE_ROLES), to_attr="role_groups"
    )
    return (
        people.select_related("manager", "placement__unit")
        .prefetch_related(roles)
        .annotate(invited_at=Subquery(last_invitation))
    )


def person_status(person) -> str:
    """``active``, ``left`` or ``deactivated`` (see :func:`people_matching`)."""
    if person.is_active:
        return ACTIVE
    placement = getattr(person, "placement", None)
    left = placement is not None and placement.status == Placement.Status.LEFT
    return LEFT if left else DEACTIVATED


def person_history(person, *, limit: int = 100) -> list[ModelLogEntry]:
    """The latest audit entries of a person's account, newest first, with who made them.

    Query budget: 1.
    """
    return list(ModelLogEntry.objects.for_instance(person).select_related("user")[:limit])


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

"""Importing the HR roster: people matched by employee id, created, updated or deactivated
in one transaction, all or nothing (decision 0700).

Bulk statements only: the number of queries grows with the rows in batches of 500, never one
query per row. Every person created, updated or deactivated gets one entry in Wagtail's audit
log, written in bulk too (``people.audit``, decision 0707).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from audit import api as trail
from lms import navigation_cache
from lms.parsing import InputError
from people import audit
from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR, parent_path
from people.roster_file import read
from people.roster_rows import IMPORTED_ROLES, Person, check
from people.signals import record_groups_changed, roster_applied

BATCH = 500
USER_FIELDS = ("display_name", "department", "hire_date", "email", "is_active", "manager_id")
PLACEMENT_FIELDS = ("unit_id", "position", "mobile", "status")
KINDS = ("created", "updated", "deactivated", "unchanged")
ROSTER_ACTIONS = {
    "created": audit.ROSTER_CREATE,
    "updated": audit.ROSTER_UPDATE,
    "deactivated": audit.ROSTER_DEACTIVATE,
}


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class ImportReport:
    dry_run: bool
    rows: dict = field(default_factory=lambda: {kind: [] for kind in KINDS})
    # (user, audit action, data) of every person changed, for the audit log.
    changes: list = field(default_factory=list)
    # (user, roles before, roles after) of existing people whose roles changed, for the trail.
    role_changes: list = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.rows[kind]) for kind in KINDS}


def roster_import(
    *,
    data: bytes,
    filename: str = "",
    dry_run: bool = False,
    deactivate_missing: bool = False,
    by=None,
    request=None,
) -> ImportReport:
    """Read, check and apply a roster file; raise :class:`ImportFailed` with every error
    (``line L, column C: message``) and write nothing when any row is wrong.

    Each change is recorded in the audit log as done by ``by`` (None: the system, as the
    command does)."""
    sheet = read(data, filename)
    if sheet.errors:
        raise ImportFailed(sheet.errors)
    User = get_user_model()
    users = {
        user.employee_id: user
        for user in User.objects.exclude(employee_id=None).select_related("manager")
    }
    known = {eid: (u.manager.employee_id if u.manager else None) for eid, u in users.items()}
    people, errors = check(sheet, known)
    errors = errors or _usernames_taken(people, users, sheet.columns["employee_id"])
    if errors:
        raise ImportFailed(errors)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _apply(people, users, sheet.columns, report, deactivate_missing)
        if dry_run:
            transaction.set_rollback(True)
        else:
            audit.log_many(report.changes, by=by)
            _record_in_trail(report, by=by, request=request)
            roster_applied.send(sender=ImportReport)
    return report


def _record_in_trail(report: ImportReport, *, by, request) -> None:
    """The audit trail's entries: each person deactivated, each existing person whose roles
    changed (new people's first roles are part of their creation)."""
    for user, action, _data in report.changes:
        if action == audit.ROSTER_DEACTIVATE:
            trail.record(
                "people.deactivated",
                actor=by,
                subject=user,
                before={"is_active": True},
                after={"is_active": False, "via": "roster"},
                request=request,
            )
    for user, before, after in report.role_changes:
        record_groups_changed(person=user, before=before, after=after, actor=by, request=request)


def _usernames_taken(people: list[Person], users: dict, column: int) -> list[InputError]:
    """A new person's username is their employee id: an account without that employee id may
    already have it as its username (a staff account named "E1001")."""
    new = {person.employee_id: person for person in people if person.employee_id not in users}
    names = list(new)
    taken = set()
    for start in range(0, len(names), BATCH):
        batch = names[start : start + BATCH]
        taken.update(
            get_user_model().objects.filter(username__in=batch).values_list("username", flat=True)
        )
    return [
        InputError(
            _("the username “%(id)s” belongs to another account without this employee id")
            % {"id": employee_id},
            line=new[employee_id].line,
            column=column,
        )
        for employee_id in sorted(taken, key=lambda eid: new[eid].line)
    ]


def _apply(people: list[Person], users: dict, columns: dict, report, deactivate_missing):
    User = get_user_model()
    units = _ensure_units({person.department for person in people})
    placements = {
        p.user_id: p for p in Placement.objects.filter(user_id__in=[u.pk for u in users.values()])
    }
    roles = _current_roles([u.pk for u in users.values()])
    new = [_new_user(User, p, columns) for p in people if p.employee_id not in users]
    User.objects.bulk_create(new, batch_size=BATCH)
    new_ids = {user.employee_id for user in new}
    users.update({user.employee_id: user for user in new})
    changed_users, changed_placements, new_placements, role_rows = [], [], [], []
    for person in people:
        user = users[person.employee_id]
        placement = placements.get(user.pk)
        before = _snapshot(user, placement, roles.get(user.pk))
        was_active = user.is_active
        _set_user(user, person, users, columns, placement)
        if placement is None:
            placement = Placement(user=user, unit=units[person.department])
            new_placements.append(placement)
        placement.unit = units[person.department]
        placement.position, placement.mobile = person.position, person.mobile
        placement.status = person.status
        wanted = (
            set(person.roles)
            if "roles" in columns or user.employee_id in new_ids
            else roles.get(user.pk, set())
        )
        role_rows.append((user.pk, wanted))
        if user.employee_id not in new_ids and wanted != roles.get(user.pk, set()):
            report.role_changes.append((user, roles.get(user.pk, set()), wanted))
        after = _snapshot(user, placement, wanted)
        kind = _kind(user.employee_id in new_ids, was_active, user.is_active, before, after)
        report.rows[kind].append(person)
        if kind != "unchanged":
            changed = [name for name, value in after.items() if before[name] != value]
            data = {} if kind == "created" else {"changed": changed}
            report.changes.append((user, ROSTER_ACTIONS[kind], data))
        if kind != "unchanged" and user.employee_id not in new_ids:
            changed_users.append(user)
            if placement.pk:
                changed_placements.append(placement)
    # New people were created with their values; only their managers (who may be new as well)
    # are written now.
    with_manager = [users[e] for e in new_ids if users[e].manager_id]
    User.objects.bulk_update(with_manager, ["manager_id"], batch_size=BATCH)
    User.objects.bulk_update(changed_users, USER_FIELDS, batch_size=BATCH)
    Placement.objects.bulk_create(new_placements, batch_size=BATCH)
    Placement.objects.bulk_update(changed_placements, PLACEMENT_FIELDS, batch_size=BATCH)
    _set_roles(role_rows, roles)
    if deactivate_missing:
        _deactivate_missing(users, {p.employee_id for p in people}, report)


def _new_user(User, person: Person, columns: dict):
    """A new person, with an unusable password: they sign on through the company identity or
    set one from an invitation."""
    user = User(username=person.employee_id, employee_id=person.employee_id)
    user.password = make_password(None)
    _set_user(user, person, {}, {name: n for name, n in columns.items() if name != "manager"})
    return user


def _set_user(user, person: Person, users: dict, columns: dict, placement=None) -> None:
    user.display_name = person.name
    user.department = person.department
    user.is_active = _active_after(user, person, placement)
    if "hire_date" in columns:
        user.hire_date = person.hire_date
    if "email" in columns:
        user.email = person.email
    if "manager" in columns:
        user.manager_id = users[person.manager].pk if person.manager else None


def _active_after(user, person: Person, placement) -> bool:
    """A row's status sets the account's, except that "active" does not undo an
    administrator's deactivation (decision 0707): an existing account that is inactive while
    its placement does not say "left" stays inactive until an administrator reactivates it.
    Someone who had left and is listed as active again (rehired) is reactivated."""
    if person.status != "active":
        return False
    if user.pk is None or user.is_active:
        return True
    return placement is not None and placement.status == Placement.Status.LEFT


def _snapshot(user, placement, roles) -> dict:
    """The values a row may change, by field name (``None`` for a missing placement)."""
    values = {name: getattr(user, name) for name in USER_FIELDS}
    values.update({name: getattr(placement, name, None) for name in PLACEMENT_FIELDS})
    values["roles"] = frozenset(roles or ())
    return values


def _kind(created: bool, was_active: bool, is_active: bool, before, after) -> str:
    if created:
        return "created"
    if was_active and not is_active:
        return "deactivated"
    return "unchanged" if before == after else "updated"


def _ensure_units(paths: set[str]) -> dict[str, OrgUnit]:
    """Every unit of these paths and their ancestors, created top level first."""
    wanted = set()
    for path in paths:
        parts = path.split(SEPARATOR)
        wanted.update(SEPARATOR.join(parts[: depth + 1]) for depth in range(len(parts)))
    units = {unit.path: unit for unit in OrgUnit.objects.filter(path__in=wanted)}
    missing = sorted(wanted - units.keys(), key=lambda path: path.count(SEPARATOR))
    for depth in sorted({path.count(SEPARATOR) for path in missing}):
        level = [
            OrgUnit(
                name=path.rsplit(SEPARATOR, 1)[-1],
                path=path,
                depth=depth + 1,
                parent=units.get(parent_path(path) or ""),
            )
            for path in missing
            if path.count(SEPARATOR) == depth
        ]
        OrgUnit.objects.bulk_create(level, batch_size=BATCH)
        units.update({unit.path: unit for unit in level})
    return units


def _current_roles(user_ids: list[int]) -> dict[int, set[str]]:
    through = get_user_model().groups.through
    roles: dict[int, set[str]] = {}
    rows = through.objects.filter(group__name__in=IMPORTED_ROLES).values_list(
        "user_id", "group__name"
    )
    for user_id, name in rows:
        roles.setdefault(user_id, set()).add(name)
    return roles


def _set_roles(role_rows: list, current: dict[int, set[str]]) -> None:
    """The imported roles of each person become exactly those listed (Administrator and other
    groups are left alone)."""
    through = get_user_model().groups.through
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=IMPORTED_ROLES)}
    add, remove = [], []
    for user_id, wanted in role_rows:
        have = current.get(user_id, set())
        add += [through(user_id=user_id, group_id=groups[n]) for n in wanted - have if n in groups]
        remove += [(user_id, groups[n]) for n in have - wanted if n in groups]
    through.objects.bulk_create(add, batch_size=BATCH, ignore_conflicts=True)
    for group_id in {group for _user, group in remove}:
        ids = [user for user, group in remove if group == group_id]
        for start in range(0, len(ids), BATCH):
            through.objects.filter(
                group_id=group_id, user_id__in=ids[start : start + BATCH]
            ).delete()
    if add or remove:
        # Rows written in bulk send no m2m_changed: say so to the cache of everyone's roles
        # (``lms.roles.user_roles``), once the import is committed.
        transaction.on_commit(navigation_cache.new_version)


def _deactivate_missing(users: dict, listed: set[str], report) -> None:
    """People with an employee id who are not in the file are deactivated (superusers are not,
    so that an import cannot lock the administrators out)."""
    User = get_user_model()
    gone = [
        user
        for eid, user in users.items()
        if eid not in listed and user.is_active and not user.is_superuser
    ]
    for user in gone:
        user.is_active = False
        report.changes.append(
            (user, audit.ROSTER_DEACTIVATE, {"changed": ["is_active", "status"], "missing": True})
        )
        report.rows["deactivated"].append(
            Person(
                line=0,
                employee_id=user.employee_id,
                name=user.get_full_name(),
                department=user.department,
            )
        )
    User.objects.bulk_update(gone, ["is_active"], batch_size=BATCH)
    ids = [user.pk for user in gone]
    for start in range(0, len(ids), BATCH):
        Placement.objects.filter(user_id__in=ids[start : start + BATCH]).update(
            status=Placement.Status.LEFT
        )

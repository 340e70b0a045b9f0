"""Importing the HR roster: people matched by employee id, created, updated or deactivated
in one transaction, all or nothing (decision 0700).

Bulk statements only: the number of queries grows with the rows in batches of 500, never one
query per row. Every person created, updated or deactivated gets one entry in Wagtail's audit
log, written in bulk too (``people.audit``, decision 0707).

Memory: the read sheet is dropped once checked; existing accounts are loaded with only the
fields the import uses, their placements and roles as plain rows, and a model instance is made
only for what is written (a 20,000-row roster in under 300 MB, decision 0700).
"""

from __future__ import annotations

from collections import namedtuple
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
# What the import reads of an existing account: the fields it writes, and its name (the audit
# log's label) and superuser flag.
ACCOUNT_FIELDS = (
    "employee_id",
    "username",
    "first_name",
    "last_name",
    "is_superuser",
    *USER_FIELDS,
)
PLACEMENT_FIELDS = ("unit_id", "position", "mobile", "status")
NO_ROLES: frozenset[str] = frozenset()
KINDS = ("created", "updated", "deactivated", "unchanged")
ROSTER_ACTIONS = {
    "created": audit.ROSTER_CREATE,
    "updated": audit.ROSTER_UPDATE,
    "deactivated": audit.ROSTER_DEACTIVATE,
}


# A person's placement as the import reads it (``people.models.Placement``'s columns).
PlacementRow = namedtuple("PlacementRow", ["pk", "unit_id", "position", "mobile", "status"])


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
    people, columns, users = _checked(data, filename)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _apply(people, users, columns, report, deactivate_missing)
        if dry_run:
            transaction.set_rollback(True)
        else:
            audit.log_many(report.changes, by=by)
            _record_in_trail(report, by=by, request=request)
            roster_applied.send(sender=ImportReport)
    return report


def _checked(data: bytes, filename: str) -> tuple[list[Person], dict, dict]:
    """The people of the file, its columns, and the accounts with an employee id by employee id;
    :class:`ImportFailed` when anything is wrong. The read sheet goes once its rows are checked,
    before anything is applied: a 20,000-row roster is not held twice (decision 0700)."""
    sheet = read(data, filename)
    if sheet.errors:
        raise ImportFailed(sheet.errors)
    users = _accounts()
    known = dict(
        get_user_model()
        .objects.exclude(employee_id=None)
        .values_list("employee_id", "manager__employee_id")
        .iterator(chunk_size=2000)
    )
    people, errors = check(sheet, known)
    errors = errors or _usernames_taken(people, users, sheet.columns["employee_id"])
    if errors:
        raise ImportFailed(errors)
    return people, sheet.columns, users


def _accounts() -> dict:
    """Everyone with an employee id, by employee id, with only the fields the import reads or
    writes (and those their name is made of): not their managers' accounts, nor passwords and
    timestamps, for each of tens of thousands of people."""
    User = get_user_model()
    accounts = User.objects.exclude(employee_id=None).only(*ACCOUNT_FIELDS)
    return {user.employee_id: user for user in accounts.iterator(chunk_size=2000)}


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
    placements = _current_placements()
    roles = _current_roles()
    new = [_new_user(User, p, columns) for p in people if p.employee_id not in users]
    User.objects.bulk_create(new, batch_size=BATCH)
    new_ids = {user.employee_id for user in new}
    users.update({user.employee_id: user for user in new})
    changed_users, changed_placements, new_placements, role_rows = [], [], [], []
    for person in people:
        user = users[person.employee_id]
        current = placements.get(user.pk)
        had = roles.get(user.pk, NO_ROLES)
        before = _snapshot(user, current, had)
        was_active = user.is_active
        _set_user(user, person, users, columns, current)
        placement = Placement(
            pk=current.pk if current else None,
            user_id=user.pk,
            unit_id=units[person.department].pk,
            position=person.position,
            mobile=person.mobile,
            status=person.status,
        )
        wanted = person.roles if "roles" in columns or user.employee_id in new_ids else had
        if wanted != had:
            role_rows.append((user.pk, wanted))
            if user.employee_id not in new_ids:
                report.role_changes.append((user, set(had), set(wanted)))
        after = _snapshot(user, placement, wanted)
        kind = _kind(user.employee_id in new_ids, was_active, user.is_active, before, after)
        report.rows[kind].append(person)
        if kind != "unchanged":
            changed = [name for name, value in after.items() if before[name] != value]
            data = {} if kind == "created" else {"changed": changed}
            report.changes.append((user, ROSTER_ACTIONS[kind], data))
        if current is None:
            new_placements.append(placement)
        if kind != "unchanged" and user.employee_id not in new_ids:
            changed_users.append(user)
            if current is not None:
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


def _current_placements() -> dict:
    """The placement of everyone with an employee id, by user id, as plain rows: a model
    instance is made only for a row the import writes."""
    rows = Placement.objects.filter(user__employee_id__isnull=False).values_list(
        "user_id", *PlacementRow._fields
    )
    return {user_id: PlacementRow(*row) for user_id, *row in rows.iterator(chunk_size=2000)}


def _current_roles() -> dict[int, frozenset[str]]:
    """The imported roles of everyone who has one, by user id; people with the same roles
    share one set."""
    through = get_user_model().groups.through
    roles: dict[int, frozenset[str]] = {}
    shared: dict[frozenset[str], frozenset[str]] = {}
    rows = through.objects.filter(group__name__in=IMPORTED_ROLES).values_list(
        "user_id", "group__name"
    )
    for user_id, name in rows.iterator(chunk_size=2000):
        grown = roles.get(user_id, NO_ROLES) | {name}
        roles[user_id] = shared.setdefault(grown, grown)
    return roles


def _set_roles(role_rows: list, current: dict[int, frozenset[str]]) -> None:
    """The imported roles of each person in ``role_rows`` (those whose roles change) become
    exactly those listed (Administrator and other groups are left alone)."""
    through = get_user_model().groups.through
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=IMPORTED_ROLES)}
    add, remove = [], []
    for user_id, wanted in role_rows:
        have = current.get(user_id, NO_ROLES)
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

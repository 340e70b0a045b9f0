"""A person's roles and groups changed while answering a request (Wagtail's Users and Groups
screens, people administration) go to the audit trail: Django's ``m2m_changed`` on
``User.groups``. The roster import changes roles in bulk, without the signal, and records its
changes itself (``people.services.roster``). Changes outside a request are setup code (demo
data, tests' factories) and are not recorded."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import Signal

from audit import api as audit
from lms.roles import ROLE_GROUPS

# Sent when a roster import has written its rows, inside its transaction
# (``people.services.roster``). The import writes people, placements, units and role groups in
# bulk, which sends no model signals: a cache of anything read from them listens here
# (``people.api.roster_applied``) and forgets now and once committed (``lms.invalidation``).
roster_applied = Signal()


def record_groups_changed(*, person, before: set[str], after: set[str], actor=None, request=None):
    """One entry for a change of ``person``'s groups: ``people.roles_changed`` when a role's
    group is among the changed ones, else ``people.groups_changed``."""
    if before == after:
        return
    changed = before ^ after
    action = "people.roles_changed" if changed & set(ROLE_GROUPS) else "people.groups_changed"
    audit.record(
        action,
        actor=actor,
        obj=person,
        subject=person,
        before={"groups": sorted(before)},
        after={"groups": sorted(after)},
        request=request,
    )


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    request = audit.current_request()
    if action not in ("post_add", "post_remove", "pre_clear") or request is None:
        return  # outside a request: setup code (demo data, prepare_site); see decision 1000
    actor = getattr(request, "user", None)
    if reverse:  # group.user_set.add(...): ``instance`` is the group
        people = (
            instance.user_set.all()
            if pk_set is None
            else get_user_model().objects.filter(pk__in=pk_set)
        )
        changed = {instance.name}
    else:
        people = [instance]
        changed = set(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    for person in people:
        now = set(person.groups.values_list("name", flat=True))
        if action == "post_add":
            before, after = now - changed, now
        elif action == "post_remove":
            before, after = now | changed, now
        else:  # cleared: everything (or, from the group's side, this group) goes
            before, after = now, (now - changed) if reverse else set()
        record_groups_changed(
            person=person, before=before, after=after, actor=actor, request=request
        )


def connect() -> None:
    m2m_changed.connect(
        groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="people.groups_changed",
    )

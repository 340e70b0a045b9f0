"""The four roles of the platform and the permissions their groups hold.

Roles are Django groups, created by ``lms/migrations/0002_roles.py``. Each app declares the
permissions a role needs on its ``AppConfig.role_permissions`` (and, for Wagtail images and
documents, on ``AppConfig.role_collection_permissions``); after every ``migrate`` the groups
are brought up to date (permissions are only created at the end of ``migrate``, so a data
migration alone cannot grant permissions of models added later).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Collection, GroupCollectionPermission

LEARNER = "Learner"
TRAINER = "Trainer"
ASSESSOR = "Assessor"
MANAGER = "Manager"
ADMINISTRATOR = "Administrator"


@dataclass(frozen=True)
class Role:
    group: str
    label: str
    dashboard: str | None  # the slug of the role's dashboard, if it has one


ROLES = [
    Role(LEARNER, _("Learner"), "learner"),
    Role(TRAINER, _("Trainer"), "trainer"),
    Role(ASSESSOR, _("Assessor"), "assessor"),
    Role(MANAGER, pgettext_lazy("role", "Manager"), "manager"),
    Role(ADMINISTRATOR, _("Administrator"), None),
]
ROLE_GROUPS = [role.group for role in ROLES]
# The dashboard a user lands on at "/" is the first in this order that they may see.
DASHBOARD_ORDER = ["assessor", "trainer", "manager", "learner"]


def group_label(group) -> str:
    """The name of a group as people read it, in the page's language ("学员" for "Learner").

    A group's ``name`` is a key the code looks groups up by, so it stays in English; the role
    groups and the groups other apps create (``AppConfig.group_labels``, e.g. "Lead trainer")
    are shown by their translated label in the CMS. Other groups show their name.
    """
    name = getattr(group, "name", group)
    labels = {role.group: role.label for role in ROLES}
    for config in global_apps.get_app_configs():
        labels.update(getattr(config, "group_labels", {}))
    return str(labels.get(name, name))


def user_roles(user) -> set[str]:
    """The role group names of a user; superusers and Administrators hold every role.

    The user's role groups come from the navigation cache (``lms.navigation_cache``), which
    every change of a user's groups or of a group renews, so a page asks the database for them
    only when they changed (decision 0905); whether the user is a superuser is read from the
    user, as loaded for this request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        from lms import navigation_cache  # it reads the user model, which imports this module

        names = set(
            navigation_cache.cached(
                user, lambda: frozenset(_role_groups(user)), part=navigation_cache.ROLES
            )
        )
        if user.is_superuser or ADMINISTRATOR in names:
            names = set(ROLE_GROUPS)
        cached = user._role_cache = names
    return cached


def _role_groups(user) -> list[str]:
    return list(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))


def has_role(user, group: str) -> bool:
    return group in user_roles(user)


def dashboards_for(user) -> list[str]:
    """Dashboard slugs the user may open, in landing order."""
    roles = user_roles(user)
    by_slug = {role.dashboard: role.group for role in ROLES if role.dashboard}
    return [slug for slug in DASHBOARD_ORDER if by_slug[slug] in roles]


def declared_role_permissions() -> dict[str, set[str]]:
    """Merge ``role_permissions`` from every installed app config."""
    merged: dict[str, set[str]] = {group: set() for group in ROLE_GROUPS}
    for config in global_apps.get_app_configs():
        for group, perms in getattr(config, "role_permissions", {}).items():
            merged.setdefault(group, set()).update(perms)
    return merged


def declared_role_collection_permissions() -> dict[str, set[str]]:
    """Merge ``role_collection_permissions`` from every installed app config.

    Wagtail checks images and documents against permissions held on a collection
    (``GroupCollectionPermission``), not against the group's own permissions; these are granted
    on the root collection, so they hold for every collection.
    """
    merged: dict[str, set[str]] = {group: set() for group in ROLE_GROUPS}
    for config in global_apps.get_app_configs():
        for group, perms in getattr(config, "role_collection_permissions", {}).items():
            merged.setdefault(group, set()).update(perms)
    return merged


# Models whose permissions Wagtail checks per collection.
COLLECTION_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]


def sync_role_permissions(*, using: str = "default") -> None:
    """Create the role groups if missing and grant every declared permission that exists.

    Administrators receive every permission, and every image and document permission on the
    root collection. Permissions granted by hand are left alone.
    """
    declared = declared_role_permissions()
    all_perms = Permission.objects.using(using).select_related("content_type")
    index = {f"{p.content_type.app_label}.{p.codename}": p for p in all_perms}
    for group_name in ROLE_GROUPS:
        group, _created = Group.objects.using(using).get_or_create(name=group_name)
        if group_name == ADMINISTRATOR:
            wanted = list(index.values())
        else:
            wanted = [index[name] for name in sorted(declared.get(group_name, ())) if name in index]
        group.permissions.add(*wanted)
    _sync_role_collection_permissions(index, using=using)
    _remove_unused_wagtail_default_groups(using=using)


# Made by Wagtail's initial data with rights over the whole page tree and every collection.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def _remove_unused_wagtail_default_groups(*, using: str) -> None:
    """The roles replace Wagtail's default groups; they are removed while nobody is in them,
    so that nobody is given their site-wide publishing rights by mistake (decision 0003)."""
    Group.objects.using(using).filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


def _sync_role_collection_permissions(index, *, using: str) -> None:
    root = Collection.objects.using(using).filter(depth=1).first()
    if root is None:
        return
    declared = declared_role_collection_permissions()
    for group_name in ROLE_GROUPS:
        if group_name == ADMINISTRATOR:
            wanted = [
                perm
                for perm in index.values()
                if (perm.content_type.app_label, perm.content_type.model) in COLLECTION_MODELS
            ]
        else:
            wanted = [index[name] for name in sorted(declared.get(group_name, ())) if name in index]
        group = Group.objects.using(using).get(name=group_name)
        for permission in wanted:
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group, collection=root, permission=permission
            )


def sync_role_permissions_after_migrate(sender, using="default", apps=None, **kwargs):
    """post_migrate receiver: run once, after the last app, when every permission exists."""
    with_models = [c for c in global_apps.get_app_configs() if c.models_module is not None]
    if sender.label == with_models[-1].label:
        sync_role_permissions(using=using)

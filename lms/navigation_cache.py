"""The site navigation of a signed-in user, kept in the cache (decision 0903).

Working out the header's links costs three queries and about 3 ms of CPU on every page (the
user's role groups, their permissions, every app's ``site_menu_items`` hook): a fifth of an exam
question page. The links depend only on who the user is (groups, permissions, superuser,
active) and on the page's language, so they are kept in the cache per user and language and
worked out again when any of those changes:

- a change of anyone's groups or permissions, or of a group (its permissions, its name, the group
  itself) changes the cache's navigation version, which every entry is checked against;
- a save of the user (superuser, active, …) forgets the user's entries;
- entries expire after ``TIMEOUT`` seconds in any case.

Every change is applied at once and again when its transaction commits (a request in between
would read the rows from before it). The roles kept here also decide access
(``lms.roles.user_roles``): a role taken away is gone at the next request after the commit.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from lms.invalidation import now_and_once_committed

VERSION_KEY = "navigation:version"
TIMEOUT = 300  # seconds


ROLES = "roles"  # the part of a user's entries that holds their role groups, in any language


def _key(user_pk: int, part: str) -> str:
    return f"navigation:{user_pk}:{part}"


def cached(user, compute, *, part: str | None = None):
    """``compute()`` for ``user`` in the current language (or under ``part``), from the cache
    while it holds."""
    key = _key(user.pk, part or get_language())
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    entry = found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    if version is None:
        version = new_version()
    cache.set(key, (version, value), TIMEOUT)
    return value


def new_version() -> str:
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    return version


def forget_user(user_pk: int) -> None:
    cache.delete_many([_key(user_pk, code) for code, _name in [*settings.LANGUAGES, (ROLES, "")]])


User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def roles_or_permissions_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        now_and_once_committed(new_version)


@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
@receiver(post_delete, sender=Permission)
def group_changed(sender, **kwargs):
    now_and_once_committed(new_version)


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def user_changed(sender, instance, **kwargs):
    user_pk = instance.pk
    now_and_once_committed(lambda: forget_user(user_pk))

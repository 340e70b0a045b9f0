"""The site navigation of a signed-in user, kept in the cache (decision 0903).

Working out the header's links costs three queries and about 3 ms of CPU on every page (the
user's role groups, their permissions, every app's ``site_menu_items`` hook): a fifth of an exam
question page. The links depend only on who the user is (groups, permissions, superuser,
active) and on the page's language, so they are kept in the cache per user and language and
worked out again when any of those changes:

- a change of anyone's groups or permissions, or of a group (its permissions, its name, the group
  itself) changes the cache's navigation version, which every entry is checked against;
- a save of the user (superuser, active, …) forgets the user's entries;
- entries expire after five minutes in any case (``lms.versioned_cache``).

Every change is applied at once and again when its transaction commits (a request in between
would read the rows from before it). The roles kept here also decide access
(``lms.roles.user_roles``): a role taken away is gone at the next request after the commit.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from lms.versioned_cache import Versioned

NAVIGATION = Versioned("navigation", timeout=300)

ROLES = "roles"  # the part of a user's entries that holds their role groups, in any language


def cached(user, compute, *, part: str | None = None):
    """``compute()`` for ``user`` in the current language (or under ``part``), from the cache
    while it holds."""
    return NAVIGATION.get(NAVIGATION.key(user.pk, part or get_language()), compute)


def new_version() -> str:
    return NAVIGATION.new_version()


def forget_user(user_pk: int) -> None:
    NAVIGATION.forget(
        *(NAVIGATION.key(user_pk, code) for code, _name in [*settings.LANGUAGES, (ROLES, "")])
    )


User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def roles_or_permissions_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        NAVIGATION.changed()


@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
@receiver(post_delete, sender=Permission)
def group_changed(sender, **kwargs):
    NAVIGATION.changed()


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def user_changed(sender, instance, **kwargs):
    forget_user(instance.pk)

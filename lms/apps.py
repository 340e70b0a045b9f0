from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    default = True
    name = "lms"
    verbose_name = _("Accounts and dashboards")

    # Permissions each role's group receives, merged with those declared by other apps'
    # AppConfig.role_permissions (see lms.roles.sync_role_permissions).
    role_permissions = {
        "Trainer": ["wagtailadmin.access_admin", "lms.view_user"],
        "Assessor": ["wagtailadmin.access_admin", "lms.view_user"],
    }

    def ready(self):
        # roles and signals import models, which cannot be imported before the app registry
        # is ready (when this module is imported).
        from . import navigation_cache, roles, signals  # noqa: F401

        post_migrate.connect(roles.sync_role_permissions_after_migrate)
        post_migrate.connect(restrict_documents_after_migrate, dispatch_uid="lms.documents")


def restrict_documents_after_migrate(sender, using="default", **kwargs):
    """Documents need a login (decision 0006): the login restriction on Wagtail's root
    collection that migration 0003 made, again after a ``flush`` emptied the tables (which
    would otherwise leave every document public)."""
    if sender.name != "lms":
        return
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    restrictions = CollectionViewRestriction.objects.using(using).filter(collection=root)
    if not restrictions.exists():
        CollectionViewRestriction.objects.using(using).create(
            collection=root, restriction_type=CollectionViewRestriction.LOGIN
        )


class AcademyUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the profile fields of ``lms.User``."""

    default = False
    user_viewset = "lms.viewsets.UserViewSet"
    group_viewset = "lms.viewsets.GroupViewSet"

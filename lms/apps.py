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
        from . import roles, signals  # noqa: F401

        post_migrate.connect(roles.sync_role_permissions_after_migrate)


class AcademyUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the profile fields of ``lms.User``."""

    default = False
    user_viewset = "lms.viewsets.UserViewSet"
    group_viewset = "lms.viewsets.GroupViewSet"

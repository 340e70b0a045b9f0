from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Appeals")
    default_auto_field = "django.db.models.BigAutoField"

    # Assessors run the appeals queue (decision 1001); re-markers are trainers or assessors
    # assigned to one appeal, which needs no permission of its own.
    role_permissions = {"Assessor": ["appeals.resolve_appeal", "appeals.view_appeal"]}

    def ready(self):
        if apps.is_installed("privacy"):
            # The personal-data app asks every app through hooks (decision 1002): appeals
            # blocks an erasure while one is open and adds its section to the export.
            from appeals import privacy_hooks

            privacy_hooks.register()

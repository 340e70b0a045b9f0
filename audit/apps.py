from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default = True
    name = "audit"
    verbose_name = _("Audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    # The audit trail is administrators' business (they hold every permission).
    role_permissions: dict[str, list[str]] = {}

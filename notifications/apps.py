from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default = True
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    # Robots and failed deliveries are administrators' business (they hold every permission).
    role_permissions: dict[str, list[str]] = {}

    def ready(self):
        # Each app declares the events it sends (and their emails) in its own ``notices.py``,
        # registered through notifications.api; the notification app imports none of them, so
        # the import graph keeps running down to it (docs/decisions/0800).
        autodiscover_modules("notices")
        # Registers the settings checks; forgets cached unread counts on writes.
        from notifications import checks, unread  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    default = True
    name = "privacy"
    verbose_name = _("Personal data")
    default_auto_field = "django.db.models.BigAutoField"

    # The privacy notice and legal holds are administrators' business (they hold every
    # permission); everybody reads and acknowledges the notice and downloads their own data.
    role_permissions: dict[str, list[str]] = {}

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from privacy import notice

        user_logged_in.connect(notice.on_sign_in, dispatch_uid="privacy.notice")

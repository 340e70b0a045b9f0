from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    default = True
    name = "people"
    verbose_name = _("People and organisation")

    role_permissions: dict[str, list[str]] = {}

    def ready(self):
        from people import signals  # the models are ready only now

        signals.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MANAGER = "Manager"


class PeopleConfig(AppConfig):
    default = True
    name = "people"
    verbose_name = _("People and organisation")

    # The Manager (主管) group is created by people/migrations/0001; its pages come later.
    group_labels = {MANAGER: _("Manager")}
    role_permissions: dict[str, list[str]] = {}

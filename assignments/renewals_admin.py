"""The renewal windows in the CMS (Renewal windows): assessors set, per program, how many days
before a certificate expires its holder is assigned the renewal, and which (decision 0805)."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from assignments.models import RenewalPolicy


class RenewalPolicyViewSet(ModelViewSet):
    model = RenewalPolicy
    icon = "date"
    menu_label = gettext_lazy("Renewal windows")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["program", "window_days", "path", "quiz"]
    edit_handler = ObjectList(
        [FieldPanel("program"), FieldPanel("window_days"), FieldPanel("path"), FieldPanel("quiz")]
    )


@hooks.register("register_admin_viewset")
def register_renewal_windows():
    return RenewalPolicyViewSet("renewal_windows")

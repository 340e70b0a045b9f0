"""The roster upload in the Wagtail admin (/cms/people/import/), for administrators only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms import roles
from people.views import roster


@hooks.register("register_admin_urls")
def roster_urls():
    return [
        path("people/import/", roster.upload_view, name="people_import"),
        path("people/import/<int:pk>/", roster.preview_view, name="people_import_preview"),
    ]


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.has_role(request.user, roles.ADMINISTRATOR)


@hooks.register("register_admin_menu_item")
def roster_menu_item():
    return RosterMenuItem(
        _("Import people"), reverse("people_import"), icon_name="group", order=250
    )

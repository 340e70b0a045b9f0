"""The organisation in the Wagtail admin: the roster upload (/cms/people/import/) and the units,
whose managers administrators set (administrators only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms import roles
from people.models import OrgUnit
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


class UnitPermissionPolicy(ModelPermissionPolicy):
    """Units come from the roster's department paths: they are edited (their manager), never
    added or deleted by hand."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete", "copy") and super().user_has_permission(user, action)


register_permission_policy(OrgUnit, UnitPermissionPolicy(OrgUnit))


class OrgUnitViewSet(ModelViewSet):
    model = OrgUnit
    icon = "site"
    menu_label = _("Organisational units")
    menu_order = 251
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["manager", "robot"]
    list_display = ["path", "manager", "robot"]
    search_fields = ["path"]


@hooks.register("register_admin_viewset")
def org_unit_viewset():
    return OrgUnitViewSet("org_units")

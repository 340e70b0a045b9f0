"""The organisation in the Wagtail admin (administrators only): People administration
(/cms/people/), the roster upload (/cms/people/import/) and the units, whose managers
administrators set; and the audit log actions of people administration."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms import roles
from people import api, audit
from people.models import OrgUnit
from people.views import people, roster


@hooks.register("register_admin_urls")
def people_urls():
    return [
        path("people/", people.people_list, name="people_list"),
        path("people/invite/", people.invite_many, name="people_invite_many"),
        path("people/<int:pk>/", people.person_detail, name="people_person"),
        path("people/<int:pk>/deactivate/", people.deactivate, name="people_deactivate"),
        path("people/<int:pk>/reactivate/", people.reactivate, name="people_reactivate"),
        path("people/<int:pk>/invite/", people.invite, name="people_invite"),
        path("people/<int:pk>/unlock/", people.unlock, name="people_unlock"),
        path("people/import/", roster.upload_view, name="people_import"),
        path("people/import/<int:pk>/", roster.preview_view, name="people_import_preview"),
    ]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.has_role(request.user, roles.ADMINISTRATOR)


@hooks.register("register_admin_menu_item")
def people_menu_item():
    return AdministratorsMenuItem(_("People"), reverse("people_list"), icon_name="user", order=249)


@hooks.register("register_log_actions")
def people_log_actions(actions):
    audit.register(actions)


@hooks.register("register_admin_menu_item")
def roster_menu_item():
    return AdministratorsMenuItem(
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


@hooks.register("organisation")
def organisation():
    """The organisation for every app, through ``lms.organisation`` (decision 0701)."""
    return api

"""Certificates in the Wagtail admin, the site menu and the dashboards.

Admin (``/cms/``): bulk issues of certificates with their progress ("n of m", "stalled" when no
worker is alive; read only), and the branding's images.
"""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from certificates import selectors as certificate_selectors
from certificates.models import BulkIssueJob
from certificates.views.branding import branding_image
from certificates.views.team import team_scope
from lms import api as lms_api
from lms import organisation, roles
from lms.dashboards import Panel
from lms.navigation import NavItem

# --- Certificate branding ---------------------------------------------------------------------


@hooks.register("register_admin_urls")
def branding_image_urls():
    return [
        path(
            "certificates/branding/<int:pk>/<str:field>/",
            branding_image,
            name="certificates_branding_image",
        )
    ]


# --- Bulk issues -------------------------------------------------------------------------------


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Bulk issues are started from the assessor's certificate list and written by the task
    worker; in the admin they can be watched, never added, edited or deleted."""

    def user_has_permission(self, user, action):
        if action not in ("view", "inspect"):
            return False
        return super().user_has_permission(user, "view")


register_permission_policy(BulkIssueJob, ViewOnlyPermissionPolicy(BulkIssueJob))


class ProgressColumn(Column):
    """ "n of m" with a bar, as on the assessor's progress page."""

    cell_template_name = "certificates/admin/progress_cell.html"


class BulkIssueJobIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            Button(
                _("Open the progress page"),
                url=reverse("certificates:bulk_issue_job", args=[instance.pk]),
                icon_name="view",
                priority=10,
            )
        ]


class BulkIssueJobViewSet(ModelViewSet):
    model = BulkIssueJob
    icon = "resubmit"
    menu_label = gettext_lazy("Bulk issues")
    add_to_admin_menu = False
    index_view_class = BulkIssueJobIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []  # never edited here (ViewOnlyPermissionPolicy)
    list_display = [
        "program",
        "period",
        Column("status_label", label=gettext_lazy("Status")),  # or "Stalled" (no live worker)
        ProgressColumn("processed", label=pgettext_lazy("work done", "Progress")),
        "issued",
        "already",
        "skipped",
        "created_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["program", "status"]
    inspect_view_fields = [
        "program",
        "period",
        "status",
        "total",
        "processed",
        "issued",
        "already",
        "skipped",
        "error",
        "created_by",
        "created_at",
        "heartbeat_at",
        "finished_at",
    ]

    def get_queryset(self, request):
        return BulkIssueJob.objects.select_related("program", "created_by")


class CertificatesViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Certificates")
    menu_icon = "doc-full"
    menu_order = 310
    items = (BulkIssueJobViewSet,)


@hooks.register("register_admin_viewset")
def register_certificates_admin():
    return CertificatesViewSetGroup()


# --- Certificates ------------------------------------------------------------------------------


@hooks.register("site_menu_items")
def certificates_menu_item(request):
    if lms_api.is_assessor(request.user):
        return NavItem(
            label=_("Certificates"), url=reverse("certificates:certificate_list"), order=63
        )
    if lms_api.is_learner(request.user):
        return NavItem(
            label=_("My certificates"), url=reverse("certificates:my_certificates"), order=63
        )
    return None


@hooks.register("learner_dashboard_panels")
def my_certificates_panel(request):
    rows = certificate_selectors.own_certificate_rows(user=request.user, limit=5)
    return Panel(
        order=41,
        template="certificates/panels/my_certificates.html",
        context={"certificates": rows},
        kept_by=(rows, timezone.localdate()),  # a certificate's status changes with the day
    )


# --- A manager's team --------------------------------------------------------------------------


@hooks.register("site_menu_items")
def team_menu_item(request):
    # Administrators hold every role; they reach the team from the Manager dashboard.
    if roles.has_role(request.user, roles.MANAGER) and not lms_api.is_assessor(request.user):
        return NavItem(label=_("My team"), url=reverse("certificates:team"), order=64)
    return None


@hooks.register("manager_dashboard_panels")
def team_panel(request):
    unit_ids, units = team_scope(request.user)
    people = [m for m in organisation.members(unit_ids) if m.user_id != request.user.pk]
    top = [unit for unit in units if unit.parent_id not in unit_ids]
    return Panel(
        order=10,
        template="certificates/panels/team.html",
        context={"units": top, "people": len(people), "unit_count": len(units)},
    )

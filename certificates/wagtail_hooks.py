"""The assessment side in the Wagtail admin, the site menu and the role dashboards.

Admin (``/cms/``): certification programs, scheme versions (edited as blocks, checked by the
same rules as ``import_scheme``), bulk issues of certificates with their progress ("n of m",
"stalled" when no worker is alive; read only) and integration tokens (administrators only).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from certificates import selectors, services
from certificates.admin_forms import SchemeVersionForm
from certificates.models import BulkIssueJob, IntegrationToken, Program, SchemeVersion
from certificates.views.branding import branding_image
from lms import api as lms_api
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


# --- Programs ----------------------------------------------------------------------------------


class ProgramViewSet(ModelViewSet):
    model = Program
    icon = "tasks"
    menu_label = gettext_lazy("Programs")
    add_to_admin_menu = False
    list_display = [
        "code",
        "name",
        "validity_months",
        Column("active_version", label=gettext_lazy("Active version")),
    ]
    search_fields = ["code", "name"]
    inspect_view_enabled = True


# --- Scheme versions ---------------------------------------------------------------------------


class SchemeVersionEditView(generic.EditView):
    """Editing a version that a finalised scorecard used saves the edits as a new draft."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.is_used:
            messages.warning(
                request,
                _(
                    "Finalised scorecards use this version, so it cannot change: saving your "
                    "edits creates a new draft version."
                ),
            )
        return response

    def save_instance(self):
        instance = self.form.instance
        original = SchemeVersion.objects.get(pk=instance.pk)
        self.saved_as_new_draft = None
        if original.scorecards.exists():
            self.saved_as_new_draft = original
            return services.scheme_version_save_as_draft(version=instance, by=self.request.user)
        return super().save_instance()

    def get_success_message(self):
        if self.saved_as_new_draft is not None:
            return _(
                "Version %(old)s is used by finalised scorecards and was left unchanged; your "
                "edits were saved as a new draft, version %(new)s."
            ) % {"old": self.saved_as_new_draft.number, "new": self.object.number}
        return super().get_success_message()

    def get_success_url(self):
        if self.saved_as_new_draft is not None:
            return reverse(self.edit_url_name, args=[self.object.pk])
        return super().get_success_url()

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.status == SchemeVersion.Status.DRAFT:
            buttons.append(
                Button(
                    _("Preview impact and activate"),
                    url=reverse("certificates:scheme_impact", args=[self.object.pk]),
                    icon_name="view",
                    priority=5,
                )
            )
        return buttons


class SchemeVersionCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class SchemeVersionDeleteView(generic.DeleteView):
    """Only a draft that no scorecard used can be deleted. Who may not delete versions at all
    is refused by Wagtail's permission check, before being told anything about the version."""

    def dispatch(self, request, *args, **kwargs):
        version = SchemeVersion.objects.filter(pk=kwargs.get("pk")).first()
        may_delete = request.user.has_perm("certificates.delete_schemeversion")
        if (
            may_delete
            and version is not None
            and (version.status != SchemeVersion.Status.DRAFT or version.is_used)
        ):
            messages.error(request, _("Only an unused draft can be deleted."))
            return redirect("certificates_schemeversion:edit", version.pk)
        return super().dispatch(request, *args, **kwargs)


class SchemeVersionIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == SchemeVersion.Status.DRAFT:
            buttons.append(
                MenuItem(
                    _("Preview impact and activate"),
                    url=reverse("certificates:scheme_impact", args=[instance.pk]),
                    icon_name="view",
                    priority=5,
                )
            )
        if instance.status != SchemeVersion.Status.DRAFT or instance.is_used:
            buttons = [b for b in buttons if getattr(b, "icon_name", "") != "bin"]
        return buttons


class SchemeVersionViewSet(ModelViewSet):
    model = SchemeVersion
    name = "certificates_schemeversion"
    icon = "sliders"
    menu_label = gettext_lazy("Scheme versions")
    add_to_admin_menu = False
    list_display = ["__str__", "program", "number", "status", "activated_at", "created_at"]
    list_filter = ["program", "status"]
    index_view_class = SchemeVersionIndexView
    add_view_class = SchemeVersionCreateView
    edit_view_class = SchemeVersionEditView
    delete_view_class = SchemeVersionDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList(SchemeVersion.panels, base_form_class=SchemeVersionForm)

    def get_queryset(self, request):
        return SchemeVersion.objects.select_related("program")


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


# --- Integration tokens ------------------------------------------------------------------------


class TokenCreateView(generic.CreateView):
    """Creating a token shows its key once; only its hash is kept."""

    def save_instance(self):
        token = self.form.instance
        token.created_by = self.request.user
        self.plain_key = token.set_new_key()
        return super().save_instance()

    def save_action(self):
        return TemplateResponse(
            self.request,
            "certificates/admin/token_created.html",
            {
                "token": self.object,
                "key": self.plain_key,
                "index_url": reverse(self.index_url_name),
                "api_url": self.request.build_absolute_uri(reverse("certificates:metrics_api")),
                "header_title": _("Token created"),
                "page_title": _("Token created"),
            },
        )


class IntegrationTokenViewSet(ModelViewSet):
    model = IntegrationToken
    icon = "key"
    menu_label = gettext_lazy("Integration tokens")
    add_to_admin_menu = False
    add_view_class = TokenCreateView
    copy_view_enabled = False
    list_display = ["name", "scope", "prefix", "is_active", "last_used_at", "created_at"]
    panels = [FieldPanel("name"), FieldPanel("scope"), FieldPanel("is_active")]


class AssessmentViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Assessment")
    menu_icon = "tasks"
    menu_order = 300
    items = (ProgramViewSet, SchemeVersionViewSet, BulkIssueJobViewSet, IntegrationTokenViewSet)


@hooks.register("register_admin_viewset")
def register_assessment_admin():
    return AssessmentViewSetGroup()


# --- Site menu and dashboards ------------------------------------------------------------------


@hooks.register("site_menu_items")
def scorecards_menu_item(request):
    if lms_api.is_assessor(request.user):
        return NavItem(label=_("Scorecards"), url=reverse("certificates:cohort"), order=60)
    if lms_api.is_learner(request.user):
        return NavItem(
            label=_("My scorecards"), url=reverse("certificates:my_scorecards"), order=60
        )
    return None


@hooks.register("site_menu_items")
def metrics_menu_item(request):
    if lms_api.is_assessor(request.user):
        return NavItem(label=_("Metrics"), url=reverse("certificates:metrics"), order=61)
    return None


@hooks.register("site_menu_items")
def peer_menu_item(request):
    if lms_api.is_assessor(request.user):
        return NavItem(
            label=_("Peer evaluation"), url=reverse("certificates:peer_rounds"), order=62
        )
    return None


@hooks.register("assessor_dashboard_panels")
def certification_panel(request):
    return Panel(
        order=20,
        template="certificates/panels/certification.html",
        context={"programs": selectors.program_summaries()},
    )


@hooks.register("learner_dashboard_panels")
def my_scorecards_panel(request):
    return Panel(
        order=40,
        template="certificates/panels/my_scorecards.html",
        context={
            "scorecards": selectors.own_finalised_scorecards(user=request.user)[:5],
            "peer_to_rate": selectors.peer_assignments_to_rate(user=request.user).count(),
        },
    )


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
    from certificates import certificate_selectors

    return Panel(
        order=41,
        template="certificates/panels/my_certificates.html",
        context={"certificates": certificate_selectors.own_certificates(user=request.user)[:5]},
    )

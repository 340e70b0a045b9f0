"""The assessment in the Wagtail admin, the site menu and the role dashboards.

Admin (``/cms/``): certification programs, scheme versions (edited as blocks, checked by the
same rules as ``import_scheme``), the prerequisites of certification exams and integration
tokens (administrators only).

Eligibility: ``exam_requirements`` tells the quiz engine what an exam requires of a learner
(decision 0802).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button

from assessment.forms.prerequisites import PrerequisiteForm
from assessment.forms.schemes import SchemeVersionForm
from assessment.models import IntegrationToken, Prerequisite, Program, SchemeVersion
from assessment.selectors.peer import peer_assignments_to_rate
from assessment.selectors.prerequisites import exam_requirements, percent_text
from assessment.selectors.schemes import program_summaries
from assessment.selectors.scorecards import own_scorecard_rows
from assessment.selectors.supervisor import open_rounds_of
from assessment.services.schemes import scheme_version_save_as_draft
from lms import api as lms_api
from lms.bilingual import localized
from lms.dashboards import Panel
from lms.navigation import NavItem

# --- Programs ----------------------------------------------------------------------------------


class EnglishGapsColumn(Column):
    """Which texts of a row still lack English (``english_gaps``), so a trainer sees the gap
    before a learner reads "Chinese only"."""

    def __init__(self, **kwargs):
        super().__init__("english_gaps", label=gettext_lazy("English texts"), **kwargs)

    def get_value(self, instance):
        gaps = instance.english_gaps
        if not gaps:
            return _("All written")
        return ngettext(
            "%(count)d missing: %(fields)s", "%(count)d missing: %(fields)s", len(gaps)
        ) % {"count": len(gaps), "fields": ", ".join(gaps)}


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
        EnglishGapsColumn(),
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
            return scheme_version_save_as_draft(version=instance, by=self.request.user)
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
                    url=reverse("assessment:scheme_impact", args=[self.object.pk]),
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
        may_delete = request.user.has_perm("assessment.delete_schemeversion")
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
                    url=reverse("assessment:scheme_impact", args=[instance.pk]),
                    icon_name="view",
                    priority=5,
                )
            )
        if instance.status != SchemeVersion.Status.DRAFT or instance.is_used:
            buttons = [b for b in buttons if getattr(b, "icon_name", "") != "bin"]
        return buttons


class SchemeVersionViewSet(ModelViewSet):
    model = SchemeVersion
    # The CMS path from before the apps were split (/cms/certificates_schemeversion/) stays.
    name = "certificates_schemeversion"
    icon = "sliders"
    menu_label = gettext_lazy("Scheme versions")
    add_to_admin_menu = False
    list_display = [
        "__str__",
        "program",
        "number",
        "status",
        "activated_at",
        "created_at",
        EnglishGapsColumn(),
    ]
    list_filter = ["program", "status"]
    index_view_class = SchemeVersionIndexView
    add_view_class = SchemeVersionCreateView
    edit_view_class = SchemeVersionEditView
    delete_view_class = SchemeVersionDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList(SchemeVersion.panels, base_form_class=SchemeVersionForm)

    def get_queryset(self, request):
        return SchemeVersion.objects.select_related("program")


# --- Prerequisites of certification exams ---------------------------------------------------


class PrerequisiteCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


def _requirement_target(prerequisite) -> str:
    if prerequisite.kind == Prerequisite.Kind.QUIZ:
        return _("%(quiz)s, at least %(percent)s") % {
            "quiz": prerequisite.quiz,
            "percent": percent_text(prerequisite.min_percent),
        }
    target = {"course": prerequisite.course, "case": prerequisite.case}.get(prerequisite.kind)
    return str(localized(target, "title")) if target is not None else "—"


class PrerequisiteViewSet(ModelViewSet):
    model = Prerequisite
    icon = "lock"
    menu_label = gettext_lazy("Exam prerequisites")
    add_to_admin_menu = False
    add_view_class = PrerequisiteCreateView
    copy_view_enabled = False
    list_display = [
        "exam",
        "kind",
        Column("target", label=gettext_lazy("What"), accessor=_requirement_target),
        "created_by",
        "created_at",
    ]
    list_filter = ["exam", "kind"]
    edit_handler = ObjectList(
        [
            FieldPanel("exam"),
            FieldPanel("kind"),
            FieldPanel("course"),
            FieldRowPanel([FieldPanel("quiz"), FieldPanel("min_percent")]),
            FieldPanel("case"),
        ],
        base_form_class=PrerequisiteForm,
    )

    def get_queryset(self, request):
        return Prerequisite.objects.select_related("exam", "course", "quiz", "case", "created_by")


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
            "assessment/admin/token_created.html",
            {
                "token": self.object,
                "key": self.plain_key,
                "index_url": reverse(self.index_url_name),
                "api_url": self.request.build_absolute_uri(reverse("assessment:metrics_api")),
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
    items = (ProgramViewSet, SchemeVersionViewSet, PrerequisiteViewSet, IntegrationTokenViewSet)


@hooks.register("insert_global_admin_css")
def scheme_editor_css():
    """The scheme editor shows each English text beside its Chinese one."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/scheme-editor.css"))


@hooks.register("register_admin_viewset")
def register_assessment_admin():
    return AssessmentViewSetGroup()


# What a certification exam requires: the quiz engine asks through this hook (decision 0802).
hooks.register("exam_requirements", exam_requirements)


# --- Site menu and dashboards ------------------------------------------------------------------


@hooks.register("site_menu_items")
def scorecards_menu_item(request):
    if lms_api.is_assessor(request.user):
        return NavItem(label=_("Scorecards"), url=reverse("assessment:cohort"), order=60)
    if lms_api.is_learner(request.user):
        return NavItem(label=_("My scorecards"), url=reverse("assessment:my_scorecards"), order=60)
    return None


@hooks.register("site_menu_items")
def metrics_menu_item(request):
    if lms_api.is_assessor(request.user):
        return NavItem(label=_("Metrics"), url=reverse("assessment:metrics"), order=61)
    return None


@hooks.register("site_menu_items")
def peer_menu_item(request):
    if lms_api.is_assessor(request.user):
        return NavItem(label=_("Peer evaluation"), url=reverse("assessment:peer_rounds"), order=62)
    return None


@hooks.register("assessor_dashboard_panels")
def certification_panel(request):
    return Panel(
        order=20,
        template="assessment/panels/certification.html",
        context={"programs": program_summaries()},
    )


@hooks.register("learner_dashboard_panels")
def my_scorecards_panel(request):
    context = {
        "scorecards": own_scorecard_rows(user=request.user, limit=5),
        "peer_to_rate": peer_assignments_to_rate(user=request.user).count(),
        "employee_id": request.user.employee_id,
    }
    return Panel(
        order=40,
        template="assessment/panels/my_scorecards.html",
        context=context,
        kept_by=tuple(context.values()),
    )


@hooks.register("manager_dashboard_panels")
def supervisor_rounds_panel(request):
    """The open supervisor evaluations in which the manager has direct reports to rate."""
    return Panel(
        order=30,
        template="assessment/panels/supervisor_rounds.html",
        context={"rounds": open_rounds_of(manager=request.user)},
    )

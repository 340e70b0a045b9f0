"""CMS (Wagtail admin) screens for rubrics and practice cases, registered in
``exams/wagtail_hooks.py``.

Editing a rubric that has been used to mark a report saves a new version instead of changing
the one in use (``docs/decisions/0301-rubric-versions.md``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from cases.models import CaseSubmission, FaultTypeTag, PracticeCase, ProductTag, Rubric
from cases.selectors.rubrics import rubric_in_use, rubrics_with_english_gaps
from cases.services import rubric_new_version
from lms.viewsets import yes_no_column


class RubricForm(WagtailAdminModelForm):
    """Checks the criteria and levels together: every criterion has two or more levels worth
    different points (so one is worth more than 0), and a critical criterion names a level
    that exists."""

    def clean(self):
        cleaned = super().clean()
        criteria = self.formsets.get("criteria")
        if criteria is None or not criteria.is_valid():
            return cleaned
        errors = []
        kept = 0
        for form in criteria.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            kept += 1
            title = data.get("title") or "?"
            levels = [
                level.cleaned_data
                for level in form.formsets["levels"].forms
                if level.cleaned_data and not level.cleaned_data.get("DELETE")
            ]
            points = [level["points"] for level in levels if level.get("points") is not None]
            if len(levels) < 2:
                errors.append(_("“%(title)s” needs at least two levels.") % {"title": title})
            elif len(set(points)) != len(points):
                errors.append(
                    _("The levels of “%(title)s” must each be worth a different number of points.")
                    % {"title": title}
                )
            if data.get("critical"):
                minimum = data.get("minimum_level")
                if not minimum:
                    errors.append(
                        _("Critical criterion “%(title)s” needs a minimum level to pass.")
                        % {"title": title}
                    )
                elif minimum > len(levels):
                    errors.append(
                        _("“%(title)s” has %(count)s levels; its minimum level cannot be %(min)s.")
                        % {"title": title, "count": len(levels), "min": minimum}
                    )
        if not kept:
            errors.append(_("A rubric needs at least one criterion."))
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class RubricEditView(EditView):
    def get(self, request, *args, **kwargs):
        if rubric_in_use(self.object):
            messages.warning(
                request,
                _(
                    "Reports have been marked with this version. Saving will create version "
                    "%(next)s; the marks already given keep version %(current)s."
                )
                % {"next": self.object.version + 1, "current": self.object.version},
            )
        return super().get(request, *args, **kwargs)

    def save_instance(self):
        self.new_version = None
        if rubric_in_use(self.object):
            edited = self.form.save(commit=False)
            self.new_version = rubric_new_version(edited=edited, user=self.request.user)
            return self.new_version
        return super().save_instance()

    def get_success_message(self):
        if getattr(self, "new_version", None) is not None:
            return _(
                "“%(title)s” is in use, so your changes were saved as version %(version)s."
            ) % {
                "title": self.new_version.title,
                "version": self.new_version.version,
            }
        return super().get_success_message()


class RubricViewSet(SnippetViewSet):
    model = Rubric
    # The CMS paths from before practice cases left the exams app (URLs stay: issue 13).
    chooser_base_url_path = "snippets/choose/exams/rubric"

    def get_admin_base_path(self):
        return "snippets/exams/rubric"

    icon = "table"
    menu_label = gettext_lazy("Rubrics")
    list_display = [
        "__str__",
        "version",
        yes_no_column(Rubric, "is_current"),
        Column("english", label=gettext_lazy("English"), accessor=lambda r: _rubric_gaps(r)),
        "created_at",
    ]
    list_filter = ["is_current"]
    search_fields = ["title", "title_en"]
    edit_view_class = RubricEditView
    edit_handler = ObjectList(Rubric.panels, base_form_class=RubricForm)

    def get_queryset(self, request):
        return rubrics_with_english_gaps(Rubric.objects.all())


def _gaps(names: list[str]) -> str:
    """ "English complete" or what still lacks English, for the CMS lists."""
    if not names:
        return _("Complete")
    separator = pgettext("list separator", ", ")
    return _("Missing: %(texts)s") % {"texts": separator.join(str(name) for name in names)}


def _rubric_gaps(rubric: Rubric) -> str:
    """Uses the annotations of ``rubrics_with_english_gaps`` (no query per row)."""
    names = [
        Rubric._meta.get_field(field).verbose_name
        for field in ("title", "description")
        if field in rubric.missing_english_fields
    ]
    if rubric.criteria_lack_english:
        names.append(_("criteria"))
    if rubric.levels_lack_english:
        names.append(_("levels"))
    return _gaps(names)


def _case_gaps(case: PracticeCase) -> str:
    return _gaps([PracticeCase._meta.get_field(name).verbose_name for name in case.missing_english])


class PracticeCaseCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class PracticeCaseViewSet(SnippetViewSet):
    model = PracticeCase
    # The CMS paths from before practice cases left the exams app (URLs stay: issue 13).
    chooser_base_url_path = "snippets/choose/exams/practicecase"

    def get_admin_base_path(self):
        return "snippets/exams/practicecase"

    icon = "clipboard-list"
    menu_label = gettext_lazy("Practice cases")
    list_display = [
        "__str__",
        "slug",
        "rubric",
        "marking",
        yes_no_column(PracticeCase, "live"),
        Column("english", label=gettext_lazy("English"), accessor=lambda c: _case_gaps(c)),
    ]
    list_filter = ["marking", "blind_marking", "live"]
    search_fields = ["title", "summary", "title_en", "summary_en"]
    add_view_class = PracticeCaseCreateView

    def get_queryset(self, request):
        return PracticeCase.objects.select_related("rubric")


class _TagViewSet(SnippetViewSet):
    """Products and fault types: the Chinese name trainers type on a case, and its English
    name for English pages (``docs/decisions/0305-case-reports.md``)."""

    icon = "tag"
    list_display = [
        "name",
        "name_en",
        Column(
            "english",
            label=gettext_lazy("English"),
            accessor=lambda tag: _gaps([] if tag.name_en.strip() else [_("name")]),
        ),
    ]
    search_fields = ["name", "name_en"]
    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]


class ProductTagViewSet(_TagViewSet):
    model = ProductTag
    menu_label = gettext_lazy("Products")


class FaultTypeTagViewSet(_TagViewSet):
    model = FaultTypeTag
    menu_label = gettext_lazy("Fault types")


class PracticeCaseGroup(SnippetViewSetGroup):
    items = (PracticeCaseViewSet, RubricViewSet, ProductTagViewSet, FaultTypeTagViewSet)
    menu_icon = "clipboard-list"
    menu_label = gettext_lazy("Practice cases")
    menu_name = "practice-cases"
    menu_order = 310


def refuse_deleting_what_reports_use(request, instances):
    """``before_delete_snippet`` hook: a practice case with learners' reports, or a rubric that
    a case or a report uses, is kept (single and bulk deletes); the CMS says why."""
    kept = [obj for obj in instances if _used_by_reports(obj)]
    if not kept:
        return None
    messages.error(
        request,
        _(
            "%(names)s cannot be deleted: learners' reports depend on it. Close a case to "
            "learners instead of deleting it."
        )
        % {"names": "、".join(f"“{obj}”" for obj in kept)},
    )
    return redirect(reverse(kept[0].snippet_viewset.get_url_name("list")))


def _used_by_reports(obj) -> bool:
    if isinstance(obj, PracticeCase):
        return CaseSubmission.objects.filter(case=obj).exists()
    if isinstance(obj, Rubric):
        return (
            PracticeCase.objects.filter(rubric=obj).exists()
            or CaseSubmission.objects.filter(rubric=obj).exists()
        )
    return False

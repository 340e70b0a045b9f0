"""The staff's forms: assigning (kind, target, audience, dates, note) and the list's filters."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale

from assignments.forms.fields import (
    UserDataSelect,
    UserDataSelectMultiple,
    active_people,
    date_time_field,
    person_label,
    title_label,
)
from assignments.models import Assignment
from courses import api as courses

# What the list shows by the dates (the start and the due date of the assignment itself).
UPCOMING, OPEN, PAST_DUE = "upcoming", "open", "past_due"


class AssignmentForm(forms.ModelForm):
    """Assign one course, quiz or exam, practice case or program to cohorts, units and people.

    The targets offered are what learners can open: published courses (in the default language,
    the pages cohorts use), quizzes and exams that are not drafts, open practice cases, and
    programs. An assignment being edited keeps its target even if it was closed since.
    """

    class Meta:
        model = Assignment
        fields = [
            "kind",
            "course",
            "quiz",
            "case",
            "program",
            "cohorts",
            "units",
            "people",
            "start_at",
            "due_at",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "translate": "no"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep = self.instance.target_id if self.instance.pk else None
        self._targets(keep)
        self._audience()
        for name in ("start_at", "due_at"):
            date_time_field(self.fields[name])
        self.fields["start_at"].help_text = _("When learners see it on their to-do list.")
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("start_at", timezone.now().replace(second=0, microsecond=0))

    def _targets(self, keep: int | None) -> None:
        fields = self.fields
        kept = Q(pk=keep) if keep else Q(pk__in=[])
        courses_qs = fields["course"].queryset
        fields["course"].queryset = courses_qs.filter(
            Q(live=True, locale=Locale.get_default()) | kept
        ).order_by("path")
        titles = {course.id: course.title for course in courses.course_choices()}
        fields["course"].label_from_instance = lambda c: titles.get(c.pk, c.title)
        fields["quiz"].queryset = (
            fields["quiz"].queryset.filter(Q(draft=False) | kept).order_by("kind", "title")
        )
        fields["quiz"].label_from_instance = title_label("title")
        fields["case"].queryset = (
            fields["case"].queryset.filter(Q(live=True) | kept).order_by("title")
        )
        fields["case"].label_from_instance = title_label("title")
        fields["program"].queryset = fields["program"].queryset.order_by("code")
        fields["program"].label_from_instance = title_label("name")
        for name in Assignment.TARGET_FIELDS.values():
            fields[name].help_text = _("Only for the kind chosen above.")

    def _audience(self) -> None:
        fields = self.fields
        fields["cohorts"].queryset = fields["cohorts"].queryset.order_by("-start_date", "name")
        fields["cohorts"].widget = UserDataSelectMultiple(choices=fields["cohorts"].choices)
        fields["units"].queryset = fields["units"].queryset.order_by("path")
        fields["units"].label_from_instance = lambda unit: unit.path
        fields["units"].widget = UserDataSelectMultiple(choices=fields["units"].choices)
        fields["people"].queryset = active_people()
        fields["people"].label_from_instance = person_label
        fields["people"].widget = UserDataSelectMultiple(
            choices=fields["people"].choices, attrs={"data-searchable": "", "size": 8}
        )
        fields["people"].help_text = _(
            "By employee ID. Hold Ctrl (⌘ on a Mac) to choose several; type in the search box "
            "to narrow the list."
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("cohorts", "units", "people")):
            self.add_error(None, _("Choose at least one cohort, unit or person."))
        return cleaned


class AssignmentFilterForm(forms.Form):
    """The list's filters: by kind and by where the dates stand."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Assignment.Kind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (UPCOMING, _("Upcoming")),
            (OPEN, pgettext_lazy("assignment status", "Open")),
            (PAST_DUE, _("Past due")),
        ],
    )

    def apply(self, assignments, *, now):
        if not self.is_valid():
            return assignments
        kind, status = self.cleaned_data["kind"], self.cleaned_data["status"]
        if kind:
            assignments = assignments.filter(kind=kind)
        if status == UPCOMING:
            assignments = assignments.filter(start_at__gt=now)
        elif status == OPEN:
            assignments = assignments.filter(start_at__lte=now, due_at__gt=now)
        elif status == PAST_DUE:
            assignments = assignments.filter(due_at__lte=now)
        return assignments


class PeopleFilterForm(forms.Form):
    """The detail page's filters: the people of one unit (and below it) or of one cohort."""

    unit = forms.TypedChoiceField(
        label=_("Unit"), required=False, coerce=int, empty_value=None, widget=UserDataSelect
    )
    cohort = forms.TypedChoiceField(
        label=_("Cohort"), required=False, coerce=int, empty_value=None, widget=UserDataSelect
    )

    def __init__(self, *args, units=(), cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units"))] + [(u.id, u.path) for u in units]
        self.fields["cohort"].choices = [("", _("All cohorts"))] + [(c.id, c.name) for c in cohorts]

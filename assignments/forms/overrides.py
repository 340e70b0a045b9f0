"""A deadline override: other dates for one person or one unit of an assignment's audience,
with the reason (decision 0803)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments import selectors
from assignments.forms.fields import (
    UserDataSelect,
    active_people,
    date_time_field,
    person_label,
)
from assignments.models import Assignment, DeadlineOverride
from lms import organisation


class OverrideForm(forms.ModelForm):
    """Who (a person of the audience, or a unit of the audience's units or below one), which
    dates (at least one), and why. Whoever is not among the assignment's people is refused by
    name, as is a second override for the same person or unit."""

    class Meta:
        model = DeadlineOverride
        fields = ["user", "unit", "start_at", "due_at", "reason"]

    def __init__(self, *args, assignment: Assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.instance.assignment = assignment
        fields = self.fields
        fields["user"].queryset = active_people()
        fields["user"].label_from_instance = person_label
        # The list offers the assignment's people only; anyone else sent anyway is refused by
        # name in clean().
        audience = selectors.audience([assignment])[assignment.pk]
        offered = active_people().filter(pk__in=audience)
        fields["user"].widget = UserDataSelect(
            choices=[("", "---------"), *((person.pk, person_label(person)) for person in offered)]
        )
        fields["user"].help_text = _("One person of this assignment…")
        fields["unit"].queryset = fields["unit"].queryset.order_by("path")
        fields["unit"].label_from_instance = lambda unit: unit.path
        fields["unit"].widget = UserDataSelect(choices=fields["unit"].choices)
        fields["unit"].help_text = _("…or everyone of the assignment placed in one unit.")
        for name in ("start_at", "due_at"):
            date_time_field(fields[name])
        fields["due_at"].help_text = _("Leave a date empty to keep the assignment's.")
        fields["reason"].help_text = _("Shown to staff next to the date, e.g. a business trip.")

    def clean(self):
        cleaned = super().clean()
        user, unit = cleaned.get("user"), cleaned.get("unit")
        if user and unit:
            self.add_error(None, _("Choose a person or a unit, not both."))
        elif not user and not unit and "user" not in self.errors and "unit" not in self.errors:
            self.add_error(None, _("Choose the person or the unit the dates are for."))
        if user and user.pk not in selectors.audience([self.assignment])[self.assignment.pk]:
            name = person_label(user)
            self.add_error(
                "user", _("%(name)s is not among this assignment's people.") % {"name": name}
            )
        if unit and not self._within_audience_units(unit.pk):
            self.add_error(
                "unit", _("%(unit)s is not among this assignment's units.") % {"unit": unit.path}
            )
        self._check_dates(cleaned)
        self._check_one_per_target(user, unit)
        return cleaned

    def _within_audience_units(self, unit_id: int) -> bool:
        chosen = list(self.assignment.units.values_list("pk", flat=True))
        return bool(chosen) and unit_id in organisation.units_below(chosen)

    def _check_dates(self, cleaned) -> None:
        start, due = cleaned.get("start_at"), cleaned.get("due_at")
        if not start and not due:
            if "start_at" not in self.errors and "due_at" not in self.errors:
                self.add_error("due_at", _("Give another start or due date."))
            return
        if (due or self.assignment.due_at) <= (start or self.assignment.start_at):
            self.add_error("due_at", _("The due date must be after the start date."))

    def _check_one_per_target(self, user, unit) -> None:
        others = DeadlineOverride.objects.filter(assignment=self.assignment)
        if user and others.filter(user=user).exists():
            self.add_error(
                "user", _("This person already has an override: remove it to give another.")
            )
        if unit and others.filter(unit=unit).exists():
            self.add_error(
                "unit", _("This unit already has an override: remove it to give another.")
            )

    def validate_unique(self):
        """Checked with a clear message in :meth:`_check_one_per_target`."""

"""The Wagtail admin form of an exam accommodation: the exams a trainer may grant on, people by
name and employee ID, units by path. The rules (a person or a unit, a reason, extra time only
on a timed exam, open before close) are the model's ``clean``."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from exams.selectors.visibility import grantable_quizzes


class AccommodationForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        # Plain lists, not Wagtail's choosers: a chooser looks up whatever id was posted and
        # fails on a forged one ("x"); a list offers only the allowed rows.
        for name in ("quiz", "user", "unit"):
            self.fields[name].widget = forms.Select()
            self.fields[name].queryset = self.fields[name].queryset  # fills the list
        if for_user is not None:
            self.fields["quiz"].queryset = grantable_quizzes(for_user).order_by("kind", "title")
        people = get_user_model().objects.filter(is_active=True).order_by("employee_id", "username")
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = _person
        self.fields["unit"].label_from_instance = lambda unit: unit.path


def _person(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.employee_id})" if user.employee_id else name

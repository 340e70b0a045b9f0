"""The Wagtail admin form of an exam prerequisite: choices named in the admin's language.

The rules (the kind and its one target match, 0–100 %, no exam requiring itself, no duplicate)
are the model's (``Prerequisite.clean`` and its constraints), so every way in checks them.
"""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from courses import api as courses_api
from lms.bilingual import localized


class PrerequisiteForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain lists, not Wagtail's choosers: a chooser looks up whatever id was posted and
        # fails on a forged one ("x"), and the page chooser would offer every page.
        for name in ("exam", "course", "quiz", "case"):
            self.fields[name].widget = forms.Select()
            self.fields[name].queryset = self.fields[name].queryset  # fills the list
        courses = {course.id: course.title for course in courses_api.course_choices()}
        course = self.fields["course"]
        course.queryset = course.queryset.filter(pk__in=list(courses))
        course.label_from_instance = lambda page: courses.get(page.pk, page.title)
        for name in ("exam", "quiz"):
            self.fields[name].queryset = self.fields[name].queryset.order_by("kind", "title")
        self.fields["case"].label_from_instance = lambda case: localized(case, "title")

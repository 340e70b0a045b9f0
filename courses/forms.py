"""Forms of the courses app."""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from lms import roles
from lms.forms import UnitField


class CohortForm(WagtailAdminModelForm):
    """The cohort editor: trainers are chosen among trainers, learners among learners."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("employee_id", "username")
        self.fields["trainers"].queryset = users.filter(
            groups__name__in=[roles.TRAINER, roles.ADMINISTRATOR]
        ).distinct()
        self.fields["learners"].queryset = users.filter(groups__name=roles.LEARNER).distinct()


class CohortUnitForm(forms.Form):
    """The cohort table's filter: the learners of one unit and the units below it."""

    unit = UnitField()

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(units)

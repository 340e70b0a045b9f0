"""The filter of the cohort table: program, period and cohort."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.forms.periods import clean_period
from lms.bilingual import localized
from lms.forms import UnitField, UserDataSelect


class CohortFilterForm(forms.Form):
    program = forms.ChoiceField(label=_("Program"))
    period = forms.CharField(label=_("Period"), max_length=7, required=False)
    cohort = forms.TypedChoiceField(
        label=_("Cohort"), required=False, coerce=int, empty_value=None, widget=UserDataSelect
    )
    unit = UnitField()

    def __init__(self, *args, programs=(), periods=(), cohorts=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [
            (p.code, f"{p.code} {localized(p, 'name')}") for p in programs
        ]
        self.fields["period"].widget.attrs.update(
            {"list": "known-periods", "placeholder": "2026-Q3"}
        )
        self.periods = list(periods)
        self.fields["cohort"].choices = [("", _("Everyone"))] + [(c.id, c.name) for c in cohorts]
        self.fields["unit"].set_units(units)

    def clean_period(self):
        value = self.cleaned_data.get("period")
        return clean_period(value) if value else ""

"""Checking a period typed in a form (``YYYY``, ``YYYY-Qn``, ``YYYY-MM``), and the form of a
period alone (the what-if of a draft; the certificates' cohort pages through ``assessment.api``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.periods import is_period


def clean_period(value: str) -> str:
    value = (value or "").strip().upper()
    if not is_period(value):
        raise forms.ValidationError(_("Use a period like 2026, 2026-Q3 or 2026-07."))
    return value


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=7)

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])

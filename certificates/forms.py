"""Forms of the certificate pages: verification of a paper copy, revocation, bulk issue; the
unit filter of a manager's team list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment import api as assessment_api
from certificates.models.certificates import STATUS_LABELS
from lms.bilingual import localized
from lms.forms import UnitField


class PaperVerificationForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial"),
        max_length=64,
        help_text=_("As printed on the certificate, e.g. ASE-L1-2026-000123."),
    )
    holder_name = forms.CharField(label=_("Holder's name"), max_length=200)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public verification page."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("A reason is required to revoke a certificate."))
        return reason


class ProgramChoiceField(forms.ModelChoiceField):
    """A program by its code and its name in the page's language."""

    def label_from_instance(self, obj):
        return f"{obj.code} {localized(obj, 'name')}"


class CertificateFilterForm(forms.Form):
    program = ProgramChoiceField(
        label=_("Program"),
        queryset=assessment_api.Program.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("All programs"),
    )
    period = forms.CharField(label=_("Period"), max_length=7, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *STATUS_LABELS.items()],
    )
    expiring_within = forms.IntegerField(
        label=_("Expiring within (days)"), min_value=1, max_value=3650, required=False
    )

    def clean_period(self):
        value = self.cleaned_data["period"]
        return assessment_api.clean_period(value) if value.strip() else ""


class BulkIssueForm(forms.Form):
    program = ProgramChoiceField(
        label=_("Program"),
        queryset=assessment_api.Program.objects.order_by("code"),
        to_field_name="code",
    )
    period = forms.CharField(label=_("Period"), max_length=7)

    def clean_period(self):
        return assessment_api.clean_period(self.cleaned_data["period"])


class TeamFilterForm(forms.Form):
    """A manager's team list: the people of one of their units and the units below it."""

    unit = UnitField()

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(units)

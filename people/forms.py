from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.roles import group_label
from people.models import OrgUnit
from people.roster_file import max_bytes, too_large_message
from people.selectors import ACTIVE, DEACTIVATED, LEFT, PEOPLE_ROLES


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8 or GBK, as Excel saves it) or XLSX; see docs/people.md."),
    )
    deactivate_missing = forms.BooleanField(
        label=_("Deactivate people who are not in the file"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(too_large_message())
        return upload


class PeopleFilterForm(forms.Form):
    """The People screen's search and filters (GET); every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.order_by("path"),
        required=False,
        empty_label=_("All units"),
    )
    role = forms.ChoiceField(label=_("Role"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (ACTIVE, pgettext_lazy("account status", "Active")),
            (LEFT, pgettext_lazy("account status", "Left")),
            (DEACTIVATED, pgettext_lazy("account status", "Deactivated")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Name, employee ID, email or username")
        self.fields["role"].choices = [("", _("All roles"))] + [
            (name, group_label(name)) for name in PEOPLE_ROLES
        ]
        self.fields["unit"].label_from_instance = lambda unit: unit.path

    def filters(self) -> dict:
        """The keyword arguments of ``people_matching``; a field with an invalid value (shown
        with its error) filters nothing."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q", "").strip(),
            "unit": data.get("unit"),
            "role": data.get("role", ""),
            "status": data.get("status", ""),
        }

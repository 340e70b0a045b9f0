from django import forms
from django.utils.translation import gettext_lazy as _

from people.roster_file import max_bytes, too_large_message


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

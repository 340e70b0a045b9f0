"""Forms of the Wagtail admin: users with the platform's profile fields, and documents."""

from pathlib import PurePosixPath

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from lms.pdf_inspection import pdf_refusal
from lms.roles import group_label

PROFILE_FIELDS = ["employee_id", "display_name", "department", "region", "hire_date", "manager"]


class ProfileFieldsMixin(forms.ModelForm):
    hire_date = forms.DateField(
        label=_("hire date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Chinese names do not split into first and last name: the display name is the name.
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False
        self.fields["display_name"].required = True
        if "groups" in self.fields:
            # Groups by their label in the admin's language ("学员"); their names are keys.
            self.fields["groups"].label_from_instance = group_label

    def clean_employee_id(self):
        return (self.cleaned_data.get("employee_id") or "").strip() or None


class AcademyUserCreationForm(ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class AcademyUserEditForm(ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = get_user_model()
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``, used by the single and
    the multiple upload) refusing PDFs that could run something when opened (decision 0007)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data and _is_pdf(upload):
            refusal = pdf_refusal(upload)
            if refusal:
                raise forms.ValidationError(
                    gettext("“%(name)s” was refused: %(reason)s")
                    % {"name": PurePosixPath(upload.name).name, "reason": refusal},
                    code="unsafe_pdf",
                )
        return upload


def _is_pdf(upload) -> bool:
    """A PDF by name or by content (a PDF renamed .txt is still opened by a PDF viewer)."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    return upload.name.lower().endswith(".pdf") or b"%PDF-" in head

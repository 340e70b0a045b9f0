"""Forms of the Wagtail user admin, with the platform's profile fields."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

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

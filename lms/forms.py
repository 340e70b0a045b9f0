from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from lms.images import image_dimensions, too_many_pixels


class LoginForm(AuthenticationForm):
    """Django's login form with one message for every failure.

    A wrong password and an unknown user read the same, so the form never tells whether an
    account exists.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or password is not correct. Both are case-sensitive. "
            "After five failed attempts sign-in is locked for 15 minutes."
        ),
    }

    username = forms.CharField(
        label=_("Username"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class PixelCountingImageField(WagtailImageField):
    """Wagtail's image field, whose refusal of an image with too many pixels names its size
    (Wagtail's own says "unknown number" when Pillow refuses to open the file)."""

    def check_image_pixel_size(self, f):
        if self.max_image_pixels is not None and hasattr(f, "seek"):
            f.seek(0)
            size = image_dimensions(f)
            f.seek(0)
            refusal = size and too_many_pixels(size, self.max_image_pixels)
            if refusal:
                raise ValidationError(refusal, code="file_too_many_pixels")
        super().check_image_pixel_size(f)


class ImageForm(BaseImageForm):
    """``WAGTAILIMAGES_IMAGE_FORM_BASE``: Wagtail's image form with :class:`PixelCountingImageField`
    as its file field (same label, widget and requiredness)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, PixelCountingImageField):
            self.fields["file"] = PixelCountingImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                max_length=field.max_length,
            )


class UserDataSelect(forms.Select):
    """A select whose options (but an empty "all" choice) are names people gave, such as cohort
    names: each option is marked ``translate="no"`` (see ``lms/templatetags/user_data.py``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["attrs"]["translate"] = "no"
        return option


class UnitField(forms.TypedChoiceField):
    """A filter by organisational unit (``lms.organisation``): a unit stands for itself and
    every unit below it. Give it its units with :meth:`set_units`; no unit means everyone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Unit"))
        super().__init__(
            required=False, coerce=int, empty_value=None, widget=UserDataSelect, **kwargs
        )

    def set_units(self, units) -> None:
        self.choices = [("", _("All units"))] + [(unit.id, unit.path) for unit in units]

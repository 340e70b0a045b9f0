"""The admin's input for the certificate branding's logo and signature.

Django's file input links the current file at its storage URL; the branding's images are in the
private storage, which has none, so the link goes to the staff-only view
``certificates.views.branding.branding_image`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.urls import reverse


@dataclass(frozen=True)
class _CurrentImage:
    url: str
    name: str

    def __str__(self):
        return self.name


class BrandingImageInput(forms.ClearableFileInput):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and instance is not None and instance.pk:
            context["widget"]["value"] = _CurrentImage(
                url=reverse("certificates_branding_image", args=[instance.pk, value.field.name]),
                name=PurePosixPath(value.name).name,
            )
        return context

"""Widgets and labels the assignment forms share: dates typed in the browser's own picker,
choices that are people's names or cohort names (user data, ``translate="no"``), content titles
in the page's language with a fallback marked."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext

from lms.bilingual import localized

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (``datetime-local``), in the site's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)

    def format_value(self, value):
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            value = timezone.localtime(value)
        return super().format_value(value)


def date_time_field(field: forms.Field) -> None:
    """Read what ``datetime-local`` sends as well as the usual formats."""
    field.widget = DateTimeInput()
    field.input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"]


class UserDataSelectMultiple(forms.SelectMultiple):
    """A multi-select whose options are names people gave (``translate="no"``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["translate"] = "no"
        return option


class UserDataSelect(forms.Select):
    """A select whose options but the empty one are names people gave (``translate="no"``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["attrs"]["translate"] = "no"
        return option


def title_label(field: str):
    """An option label: the object's ``field`` in the page's language; a Chinese text shown
    for English says so."""

    def label(obj) -> str:
        text = localized(obj, field)
        return f"{text} ({gettext('Chinese only')})" if text.fallback else str(text)

    return label


def person_label(user) -> str:
    """ "E1001 王小明": people are found by employee id, then name."""
    name = user.get_full_name() or user.username
    return f"{user.employee_id} {name}" if user.employee_id else name


def active_people():
    """Everyone who can sign in, by employee id then username."""
    return get_user_model().objects.filter(is_active=True).order_by("employee_id", "username")

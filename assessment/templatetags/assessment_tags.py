"""Filters for showing scores: ``score`` (2 decimals, half up), ``raw`` (a value as written),
``weight`` (30, 62.5) and labels for sources, statuses and badges."""

from django import template

from assessment import definition, explain, presentation, scoring
from lms.templatetags.user_data import user_data as lms_user_data

register = template.Library()


@register.filter
def score(value):
    shown = scoring.display(value)
    return "—" if shown is None else str(shown)


@register.filter
def raw(value):
    return presentation.raw_value(value)


@register.filter
def weight(value):
    return "—" if value is None else definition.plain_number(value)


@register.filter
def source_label(code):
    return explain.SOURCE_LABELS.get(code, code)


@register.filter
def status_label(status):
    return explain.status_label(status)


@register.filter
def status_badge(status):
    return explain.STATUS_BADGES.get(status, "")


@register.filter
def grade_label(code):
    return explain.grade_label(code)


@register.filter
def component_label(code):
    return explain.COMPONENT_LABELS.get(code, code)


@register.filter
def reason_text(item):
    return explain.describe_reason(item)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def provisional_note(result):
    """The notes of a result's exam results that may still rise, for the cohort table ("" if
    none)."""
    return " ".join(explain.part_note(part) for part in result.provisional_parts)


# The one ``user_data`` filter (lms), also under this library for the assessment templates.
register.filter("user_data", lms_user_data)

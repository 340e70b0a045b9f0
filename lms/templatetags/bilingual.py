"""Template filters for Chinese/English content pairs (see ``lms.bilingual``).

``{{ question|tr:"text" }}`` prints the text of the page's language, escaped. On an English
page a missing English text shows the Chinese one inside ``<span lang="zh-Hans"
class="untranslated">`` with a visible "Chinese only" mark, so a learner knows why and a test
can tell it from UI text. ``{{ quiz|tr_text:"title" }}`` gives the bare text for attributes
and ``<title>``; ``{{ text|tr_mark }}`` marks a ``Localized`` value computed in Python.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from lms.bilingual import Localized, localized

register = template.Library()


def _mark():
    """The visible "Chinese only" mark after a fallback."""
    return format_html(
        '<small class="untranslated-mark" title="{}">{}</small>',
        gettext("No English text has been written for this yet; the Chinese text is shown."),
        gettext("Chinese only"),
    )


def _render(value: Localized):
    if not getattr(value, "fallback", False):
        return value
    return format_html('<span lang="zh-Hans" class="untranslated">{}</span> {}', value, _mark())


def fallback_block(html: str, fallback: bool):
    """Paragraphs of content (already safe HTML): as they are, or, for a fallback, in one
    ``lang="zh-Hans"`` block followed by the mark, so the mark never splits a paragraph."""
    html = mark_safe(html)  # noqa: S308 - callers pass escaped or Wagtail-expanded HTML
    if not fallback:
        return html
    return format_html('<div lang="zh-Hans" class="untranslated">{}</div><p>{}</p>', html, _mark())


@register.filter
def tr(source, field: str):
    """The ``field`` of ``source`` in the page's language, a fallback visibly marked."""
    if source is None or source == "":
        return ""
    return _render(localized(source, field))


@register.filter
def tr_text(source, field: str) -> str:
    """The bare text (no mark) for attributes, ``<title>`` and plain-text contexts."""
    if source is None or source == "":
        return ""
    return str(localized(source, field))


@register.filter
def tr_mark(value):
    """Mark a ``Localized`` value computed in Python (a plain string passes through)."""
    if isinstance(value, Localized):
        return _render(value)
    return value


@register.filter
def tr_rich(source, field: str):
    """A rich-text field (Wagtail) in the page's language, a fallback visibly marked."""
    from wagtail.rich_text import expand_db_html

    if source is None or source == "":
        return ""
    value = localized(source, field)
    return fallback_block(expand_db_html(str(value)), value.fallback)

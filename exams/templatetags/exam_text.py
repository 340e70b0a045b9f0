"""Multi-line content of the quiz engine (questions, explanations, instructions, feedback
texts) in the page's language, with its line breaks.

``{{ quiz|tr_lines:"description" }}`` reads a field pair like ``|tr`` (``lms.bilingual``);
``{{ question.text|tr_lines }}`` takes a ``Localized`` value computed in a view. A Chinese
text shown on an English page is wrapped, paragraphs and all, in one ``lang="zh-Hans"`` block
with the visible "Chinese only" mark, so the mark never splits a paragraph.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaks_filter, truncatechars

from lms.bilingual import Localized, localized
from lms.templatetags.bilingual import fallback_block, tr_mark

register = template.Library()


@register.filter
def tr_lines(source, field: str | None = None):
    """``source.field`` (or the ``Localized`` ``source``) as paragraphs, a fallback marked."""
    if source is None or source == "":
        return ""
    value = localized(source, field) if field else source
    html = linebreaks_filter(str(value), autoescape=True)
    return fallback_block(html, getattr(value, "fallback", False))


@register.filter
def localize(source, field: str):
    """``source.field`` as a ``Localized`` value, for filters that follow (``shorten``)."""
    if source is None or source == "":
        return ""
    return localized(source, field)


@register.filter
def shorten(value, length: int):
    """A text cut to ``length`` characters like ``truncatechars``; a fallback stays marked."""
    short = truncatechars(str(value), length)
    if isinstance(value, Localized):
        return tr_mark(Localized(short, lang=value.lang, fallback=value.fallback))
    return short

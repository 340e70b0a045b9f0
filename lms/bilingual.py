"""Assessment content in two languages: a Chinese text and its English translation.

Content that trainers and assessors write (questions, choices, quizzes, cases, rubrics,
programs, scheme dimensions, indicators, grade bands, suggestions) is stored as a pair: the
field itself holds the Chinese text (the customer's first language, always required where the
field is), and a sibling field ``<name>_en`` holds the English text (optional). Snapshots
(attempt questions, scorecards) freeze both texts the same way: ``text`` and ``text_en`` keys.

A reader gets the text of the active language. On an English page a missing English text falls
back to the Chinese one, never silently: :func:`localized` marks it as a fallback, and the
``|tr`` filter renders it with ``lang="zh-Hans"`` and a visible "Chinese only" mark. Authoring
screens show both fields side by side (:func:`bilingual_panel`) and list what still needs an
English text. Why pairs and not a translation library: docs/decisions/0010-bilingual-content.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import translation

EN_SUFFIX = "_en"
CHINESE = "zh-hans"
ENGLISH = "en"


class Localized(str):
    """A text in one language; ``fallback`` says it is the Chinese text shown for English."""

    lang: str
    fallback: bool

    def __new__(cls, text: str, *, lang: str, fallback: bool = False):
        value = super().__new__(cls, text)
        value.lang = lang
        value.fallback = fallback
        return value


def wants_english(language: str | None = None) -> bool:
    """True when ``language`` (default: the active language) is English."""
    return (language or translation.get_language() or CHINESE).lower().startswith("en")


def pick(chinese: str | None, english: str | None, language: str | None = None) -> Localized:
    """The text for ``language`` from a Chinese/English pair, marking a fallback."""
    chinese = chinese or ""
    english = (english or "").strip() and english
    if not wants_english(language):
        return Localized(chinese, lang=CHINESE)
    if english:
        return Localized(english, lang=ENGLISH)
    return Localized(chinese, lang=CHINESE, fallback=bool(chinese.strip()))


def _read(source: Any, name: str) -> Any:
    if isinstance(source, Mapping):
        return source.get(name)
    return getattr(source, name, None)


def localized(source: Any, field: str, language: str | None = None) -> Localized:
    """``source.field`` (or ``source[field]`` for a snapshot dict) in ``language``."""
    return pick(_read(source, field), _read(source, field + EN_SUFFIX), language)


def pair(source: Any, field: str, *, key: str | None = None) -> dict[str, str]:
    """Both texts of ``source.field`` as snapshot keys: ``{key: zh, key_en: en}``."""
    key = key or field
    return {
        key: _read(source, field) or "",
        key + EN_SUFFIX: _read(source, field + EN_SUFFIX) or "",
    }


def missing_english(source: Any, fields: list[str] | tuple[str, ...]) -> list[str]:
    """The fields of ``source`` with a Chinese text but no English one (for authoring lists)."""
    return [
        field
        for field in fields
        if (_read(source, field) or "").strip()
        and not (_read(source, field + EN_SUFFIX) or "").strip()
    ]


def bilingual_panel(field: str, **kwargs):
    """A Wagtail panel showing a field's Chinese and English texts side by side.

    Imported lazily so models can call it at class creation without import cycles.
    """
    from wagtail.admin.panels import FieldPanel, FieldRowPanel

    return FieldRowPanel(
        [FieldPanel(field), FieldPanel(field + EN_SUFFIX)],
        classname="bilingual",
        **kwargs,
    )


def english_field(field_class, verbose_name, **kwargs):
    """The ``_en`` sibling of a content field: optional, with the fallback explained."""
    from django.utils.translation import gettext_lazy as _

    kwargs.setdefault(
        "help_text",
        _(
            "Shown on English pages. Left empty, English pages show the Chinese text "
            "marked “Chinese only”."
        ),
    )
    return field_class(verbose_name, blank=True, **kwargs)

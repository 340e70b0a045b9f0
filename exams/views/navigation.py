"""The question navigation of an exam page: one button per question (answered? flagged?)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

BUTTON = (
    '<li><button type="submit" name="go" value="{go}" class="{css}" data-nav-position="{position}"'
    '{current} aria-label="{label}">{position}</button></li>'
)


@dataclass(frozen=True)
class NavItem:
    position: int
    answered: bool
    flagged: bool
    current: bool
    go: int = 1  # the page the navigation button leads to

    @property
    def css(self) -> str:
        classes = ["nav-q"]
        classes += ["is-answered"] if self.answered else []
        classes += ["is-flagged"] if self.flagged else []
        classes += ["is-current"] if self.current else []
        return " ".join(classes)


def _words() -> tuple[str, str, str]:
    """The label's words in the current language, looked up once per navigation."""
    return _("Question %(number)s"), _("answered"), _("flagged")


def _label(item: NavItem, words: tuple[str, str, str]) -> str:
    question, answered, flagged = words
    parts = [question % {"number": item.position}]
    parts += [answered] if item.answered else []
    parts += [flagged] if item.flagged else []
    return ", ".join(parts)


def nav_buttons(nav: list[NavItem]) -> str:
    """The question navigation's buttons (one ``<li>`` each), built here rather than in the
    template: thirty buttons of a dozen variables each were a third of the page's rendering
    (decision 0903). Only the label is text (escaped); the rest are numbers and fixed class
    names, so each button is one string format rather than six escapes (``format_html``). The
    label's three words are translated once, not for each of the thirty buttons."""
    words = _words()
    return mark_safe(  # noqa: S308 - numbers, fixed class names and the escaped label
        "\n".join(
            BUTTON.format(
                go=int(item.go),
                css=item.css,
                position=int(item.position),
                current=' aria-current="step"' if item.current else "",
                label=escape(_label(item, words)),
            )
            for item in nav
        )
    )

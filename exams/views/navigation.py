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

    @property
    def label(self) -> str:
        parts = [_("Question %(number)s") % {"number": self.position}]
        parts += [_("answered")] if self.answered else []
        parts += [_("flagged")] if self.flagged else []
        return ", ".join(parts)


def nav_buttons(nav: list[NavItem]) -> str:
    """The question navigation's buttons (one ``<li>`` each), built here rather than in the
    template: thirty buttons of a dozen variables each were a third of the page's rendering
    (decision 0903). Only the label is text (escaped); the rest are numbers and fixed class
    names, so each button is one string format rather than six escapes (``format_html``)."""
    return mark_safe(  # noqa: S308 - numbers, fixed class names and the escaped label
        "\n".join(
            BUTTON.format(
                go=int(item.go),
                css=item.css,
                position=int(item.position),
                current=' aria-current="step"' if item.current else "",
                label=escape(item.label),
            )
            for item in nav
        )
    )

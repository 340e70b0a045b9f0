"""The question navigation of an exam page: one button per question (answered? flagged?)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


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
    (decision 0903)."""
    return format_html_join(
        "\n",
        '<li><button type="submit" name="go" value="{}" class="{}" data-nav-position="{}"{}'
        ' aria-label="{}">{}</button></li>',
        (
            (
                item.go,
                item.css,
                item.position,
                mark_safe(' aria-current="step"') if item.current else "",
                item.label,
                item.position,
            )
            for item in nav
        ),
    )

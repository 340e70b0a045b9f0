"""The question navigation of an exam page: one button per question (answered? flagged?)."""

from __future__ import annotations

from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class NavItem(NamedTuple):
    """A question of the navigation (a tuple: thirty are made on every exam page)."""

    position: int
    answered: bool
    flagged: bool
    current: bool
    go: int = 1  # the page the navigation button leads to

    @property
    def css(self) -> str:
        return _CSS[bool(self.answered), bool(self.flagged), bool(self.current)]


# Every combination of the button's classes, written once.
_CSS = {
    (answered, flagged, current): " ".join(
        ["nav-q"]
        + (["is-answered"] if answered else [])
        + (["is-flagged"] if flagged else [])
        + (["is-current"] if current else [])
    )
    for answered in (False, True)
    for flagged in (False, True)
    for current in (False, True)
}


def _words() -> tuple[str, str, str]:
    """The label's words in the current language, looked up (and escaped) once per
    navigation. ``%(number)s`` has nothing to escape and the number put there is an int."""
    return escape(_("Question %(number)s")), escape(_("answered")), escape(_("flagged"))


def _button(item: NavItem, words: tuple[str, str, str]) -> str:
    question, answered, flagged = words
    position = int(item.position)
    label = question % {"number": position}
    label += f", {answered}" if item.answered else ""
    label += f", {flagged}" if item.flagged else ""
    current = ' aria-current="step"' if item.current else ""
    return (
        f'<li><button type="submit" name="go" value="{int(item.go)}" class="{item.css}"'
        f' data-nav-position="{position}"{current} aria-label="{label}">{position}</button></li>'
    )


def nav_buttons(nav: list[NavItem]) -> str:
    """The question navigation's buttons (one ``<li>`` each), built here rather than in the
    template: thirty buttons of a dozen variables each were a third of the page's rendering
    (decision 0903). Only the label is text, made of the three translated words, escaped
    once; the rest are numbers and fixed class names, so each button is one f-string rather
    than six escapes (``format_html``)."""
    words = _words()
    # Numbers, fixed class names and escaped words only.
    return mark_safe("\n".join(_button(item, words) for item in nav))  # noqa: S308

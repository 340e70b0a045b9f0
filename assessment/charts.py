"""Small SVG charts for scorecards and cohorts, drawn on the server (no JavaScript, and the same
markup works in the browser and in WeasyPrint's PDF). Pure functions: values in, SVG text out.
Every label is escaped.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
INK = "#1d2733"
MUTED = "#5b6775"
GRID = "#dde3ea"
BRAND = "#0b5fad"
OK = "#1b7f3b"
BAD = "#b3261e"


def _f(value: float) -> str:
    return f"{value:.1f}"


def _lang(label) -> str:
    """The attributes of a label that is a Chinese text shown for want of an English one
    (``lms.bilingual.Localized``): marked as Chinese, as the pages mark it."""
    return ' lang="zh-Hans" class="untranslated"' if getattr(label, "fallback", False) else ""


def _text_width(text: str, font_size: int = 12) -> float:
    """About how wide ``text`` is drawn: a CJK character is one em, other characters ~0.6 em."""
    return sum(font_size if ord(ch) >= 0x2E80 else font_size * 0.6 for ch in str(text))


def _score(value) -> float | None:
    return None if value is None else max(0.0, min(100.0, float(value)))


def radar(axes: list[tuple[str, Decimal | None]], *, title: str, size: int = 340) -> SafeString:
    """A radar chart of 0–100 scores, one axis per (label, score); missing scores sit at 0."""
    count = len(axes)
    if count < 3:
        return bars([(label, score) for label, score in axes], title=title)
    centre_y = size / 2
    radius = size / 2 - 70
    # Labels left and right of the web start 1.18 radii from the centre; English names
    # ("Work efficiency") are wider than the 52 px left there: widen the drawing, never cut.
    room = size / 2 - radius * 1.18 - 6
    pad = max(0.0, max(_text_width(label) for label, _score in axes) - room)
    width = size + 2 * pad
    centre = width / 2
    angles = [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]

    def point(angle, fraction):
        return centre + math.cos(angle) * radius * fraction, centre_y + math.sin(
            angle
        ) * radius * fraction

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {size}" '
        f'width="{_f(width)}" '
        f'height="{size}" role="img" aria-label="{escape(title)}" class="chart chart-radar" '
        f'font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for ring in (0.2, 0.4, 0.6, 0.8, 1.0):
        ring_points = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(a, ring) for a in angles))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}"/>')
    for angle in angles:
        x, y = point(angle, 1)
        parts.append(
            f'<line x1="{_f(centre)}" y1="{_f(centre_y)}" x2="{_f(x)}" y2="{_f(y)}" '
            f'stroke="{GRID}"/>'
        )
    scores = [_score(score) or 0.0 for _label, score in axes]
    shape = " ".join(
        f"{_f(x)},{_f(y)}"
        for x, y in (point(a, s / 100) for a, s in zip(angles, scores, strict=True))
    )
    parts.append(
        f'<polygon points="{shape}" fill="{BRAND}" fill-opacity="0.25" stroke="{BRAND}" '
        f'stroke-width="2"/>'
    )
    for angle, (label, score) in zip(angles, axes, strict=True):
        parts.append(_axis_label(label, score, angle, *point(angle, 1.18)))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def _axis_label(label: str, score, angle: float, x: float, y: float) -> str:
    """A radar axis's name and score, anchored away from the web."""
    anchor = "middle"
    if math.cos(angle) > 0.3:
        anchor = "start"
    elif math.cos(angle) < -0.3:
        anchor = "end"
    shown = "—" if score is None else f"{Decimal(score).quantize(Decimal('0.1'))}"
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" fill="{INK}"{_lang(label)}>'
        f"{escape(label)}</text>"
        f'<text x="{_f(x)}" y="{_f(y + 15)}" text-anchor="{anchor}" fill="{MUTED}">'
        f"{escape(shown)}</text>"
    )


def bars(
    items: list[tuple[str, Decimal | None]],
    *,
    title: str,
    mark: Decimal | None = None,
    width: int = 450,
) -> SafeString:
    """Horizontal 0–100 bars, one per (label, score), with an optional vertical mark (pass mark).
    A missing score is an empty dashed outline with "—", never a filled bar."""
    row = 30
    left = 160  # room for "On-the-job performance"
    right = 50
    height = row * len(items) + 24
    span = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" class="chart chart-bars" '
        f'font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, score) in enumerate(items):
        y = 8 + index * row
        value = _score(score)
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" fill="{INK}"{_lang(label)}>'
            f"{escape(label)}</text>"
        )
        if value is None:  # no score: an empty outline, nothing filled
            parts.append(
                f'<rect x="{left}" y="{y + 3}" width="{span}" height="16" fill="none" '
                f'stroke="{GRID}" stroke-dasharray="3 3" rx="3"/>'
            )
        else:
            parts.append(
                f'<rect x="{left}" y="{y + 3}" width="{span}" height="16" fill="#eef1f5" rx="3"/>'
            )
            parts.append(
                f'<rect x="{left}" y="{y + 3}" width="{_f(span * value / 100)}" height="16" '
                f'fill="{BRAND}" rx="3"/>'
            )
        shown = "—" if score is None else f"{Decimal(score).quantize(Decimal('0.1'))}"
        parts.append(
            f'<text x="{left + span + 6}" y="{y + 15}" fill="{INK}">{escape(shown)}</text>'
        )
    if mark is not None:
        x = left + span * _score(mark) / 100
        parts.append(
            f'<line x1="{_f(x)}" y1="4" x2="{_f(x)}" y2="{height - 14}" stroke="{BAD}" '
            f'stroke-dasharray="4 3"/>'
            f'<text x="{_f(x)}" y="{height - 2}" text-anchor="middle" fill="{BAD}" font-size="10">'
            f"{escape(format(Decimal(mark).normalize(), 'f'))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def histogram(
    bins: list[tuple[str, Decimal, int]],
    *,
    title: str,
    pass_mark: Decimal | None = None,
    width: int = 560,
) -> SafeString:
    """Vertical bars of counts, one per (label, lower bound, count), e.g. totals in bands of ten;
    bands at or above the pass mark are green."""
    height = 200
    bottom = 30
    top = 18
    step = width / max(len(bins), 1)
    highest = max((count for _label, _low, count in bins), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" class="chart chart-histogram" '
        f'font-family="{FONT}" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        f'stroke="{GRID}"/>',
    ]
    for index, (label, low, count) in enumerate(bins):
        passing = pass_mark is not None and low >= pass_mark
        bar_height = (height - bottom - top) * count / highest
        x = index * step + 4
        y = height - bottom - bar_height
        parts.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(step - 8)}" height="{_f(bar_height)}" '
            f'fill="{OK if passing else BRAND}"/>'
            f'<text x="{_f(x + (step - 8) / 2)}" y="{_f(y - 4)}" text-anchor="middle" fill="{INK}">'
            f"{count}</text>"
            f'<text x="{_f(x + (step - 8) / 2)}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped

"""Geometry of the fishbone (鱼骨图) diagram, as plain values for an inline SVG template.

Pure functions: no Django, no database. ``templates/includes/fishbone_svg.html`` draws what
``fishbone_layout`` returns, for a lesson's fishbone block (``courses``) and for the fishbone of
a learner's case report (``exams``). Texts too long for the drawing are shortened; the full
text of every label and cause is kept for a ``<title>`` and the text alternative.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

WIDTH = 960
HEIGHT = 460
SPINE_Y = HEIGHT // 2
SPINE_START = 20
HEAD_WIDTH = 190
HEAD_HEIGHT = 96
BONE_RISE = 175  # vertical distance from the spine to a category label
BONE_RUN = 120  # horizontal distance the bone leans back
FONT_SIZE = 16
LABEL_FONT_SIZE = 18
MAX_CAUSES_DRAWN = 5
BOLD_LATIN = 0.72  # bold Latin letters are wider


@dataclass(frozen=True)
class Cause:
    text: str  # as drawn (possibly shortened)
    full_text: str
    x1: float
    x2: float
    y: float


@dataclass(frozen=True)
class Bone:
    label: str  # as drawn (possibly shortened)
    full_label: str
    top: bool
    x1: float  # outer end (where the label sits)
    y1: float
    x2: float  # on the spine
    y2: float
    label_x: float
    label_y: float
    label_width: float
    causes: tuple[Cause, ...]
    hidden_causes: int  # causes not drawn for lack of room (still in the text alternative)


@dataclass(frozen=True)
class Fishbone:
    effect: str
    width: int
    height: int
    spine_y: int
    spine_x1: int
    spine_x2: int
    head_x: int
    head_y: int
    head_width: int
    head_height: int
    head_lines: tuple[tuple[str, float], ...]  # (text, y) of the effect's wrapped lines
    bones: tuple[Bone, ...]


def text_width(text: str, font_size: float = FONT_SIZE, latin: float = 0.62) -> float:
    """Estimated width of ``text``: wide (CJK) characters one em, others ``latin`` em."""
    return sum(
        font_size if unicodedata.east_asian_width(ch) in "WF" else font_size * latin for ch in text
    )


def shorten(text: str, max_width: float, font_size: float = FONT_SIZE) -> str:
    """``text`` cut with an ellipsis so that it fits ``max_width``."""
    if text_width(text, font_size) <= max_width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", font_size) > max_width:
            break
        out += ch
    return out + "…"


def wrap(text: str, max_width: float, max_lines: int, font_size: float) -> list[str]:
    """Greedy wrap: between words for Latin text, between characters for Chinese (no spaces).

    A word too long for a line is cut by characters; the last line is shortened with "…".
    """
    tokens = re.findall(r"[A-Za-z0-9_'’.,:;!?()/%-]+\s*|\s+|.", text)
    lines: list[str] = []
    current = ""
    for token in tokens:
        if text_width(current + token.rstrip(), font_size) <= max_width:
            current += token
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = token.lstrip()
        while text_width(current.rstrip(), font_size) > max_width:
            cut = shorten(current, max_width, font_size)[:-1] or current[:1]
            lines.append(cut)
            current = current[len(cut) :]
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [shorten(rest, max_width, font_size)]
    return lines


def _head_lines(effect: str) -> tuple[tuple[str, float], ...]:
    """The effect wrapped into the head: (text, y) of each line, centred on the spine."""
    effect_lines = wrap(effect, HEAD_WIDTH - 24, 3, LABEL_FONT_SIZE)
    line_height = LABEL_FONT_SIZE * 1.35
    first_y = SPINE_Y - (len(effect_lines) - 1) * line_height / 2 + LABEL_FONT_SIZE * 0.35
    return tuple((line, first_y + i * line_height) for i, line in enumerate(effect_lines))


def _causes_along(
    causes: list[str], *, x1: float, y1: float, x2: float, y2: float, length: float
) -> tuple[Cause, ...]:
    """The first ``MAX_CAUSES_DRAWN`` causes, spread evenly along the bone from x1,y1 to x2,y2."""
    drawn = causes[:MAX_CAUSES_DRAWN]
    placed = []
    for k, cause in enumerate(drawn):
        t = (k + 1) / (len(drawn) + 1)
        # A point on the bone, from the outer end (t=0) to the spine (t=1).
        px = x1 + (x2 - x1) * t
        py = y1 + (y2 - y1) * t
        placed.append(
            Cause(
                text=shorten(cause, length - 6),
                full_text=cause,
                x1=round(px - length, 1),
                x2=round(px, 1),
                y=round(py, 1),
            )
        )
    return tuple(placed)


def _bone(index: int, name: str, causes: list[str], *, usable_start: float, step: float) -> Bone:
    """The ``index``-th category's bone: even ones above the spine, odd ones below."""
    slot = index // 2
    top = index % 2 == 0
    x2 = usable_start + step * (slot + 1) - 10
    y2 = SPINE_Y
    x1 = x2 - BONE_RUN
    y1 = SPINE_Y - BONE_RISE if top else SPINE_Y + BONE_RISE
    label = shorten(name, step - 20, LABEL_FONT_SIZE)
    label_width = text_width(label, LABEL_FONT_SIZE, latin=BOLD_LATIN) + 20
    return Bone(
        label=label,
        full_label=name,
        top=top,
        x1=round(x1, 1),
        y1=y1,
        x2=round(x2, 1),
        y2=y2,
        label_x=round(x1, 1),
        label_y=y1 - 14 if top else y1 + 14,
        label_width=round(label_width, 1),
        causes=_causes_along(causes, x1=x1, y1=y1, x2=x2, y2=y2, length=step - 40),
        hidden_causes=max(0, len(causes) - MAX_CAUSES_DRAWN),
    )


def fishbone_layout(*, effect: str, categories: list[tuple[str, list[str]]]) -> Fishbone:
    """Place the head, the spine, one bone per category and the causes along each bone.

    Categories alternate above and below the spine; the first pair sits nearest the tail.
    """
    head_x = WIDTH - HEAD_WIDTH - 10
    slots = max(1, math.ceil(len(categories) / 2))
    usable_start = SPINE_START + BONE_RUN + 40
    usable_end = head_x - 30
    step = (usable_end - usable_start) / slots
    bones = tuple(
        _bone(index, name, causes, usable_start=usable_start, step=step)
        for index, (name, causes) in enumerate(categories)
    )
    return Fishbone(
        effect=effect,
        width=WIDTH,
        height=HEIGHT,
        spine_y=SPINE_Y,
        spine_x1=SPINE_START,
        spine_x2=head_x,
        head_x=head_x,
        head_y=SPINE_Y - HEAD_HEIGHT // 2,
        head_width=HEAD_WIDTH,
        head_height=HEAD_HEIGHT,
        head_lines=_head_lines(effect),
        bones=bones,
    )

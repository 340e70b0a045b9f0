"""Geometry of the fishbone (鱼骨图) diagram, as plain values for an inline SVG template.

Pure functions: no Django, no database. ``templates/includes/fishbone_svg.html`` draws what
``fishbone_layout`` returns, for a lesson's fishbone block (``courses``) and for the fishbone of
a learner's case report (``cases``). Nothing is cut: every label, cause and the effect wrap onto
lines (Chinese between any two characters, English between words, a word longer than a line
broken by characters), and the drawing grows to fit them (decision 0105):

- each cause's text sits between the bone and its left neighbour, on the spine side of the
  cause's own line, so it never meets a bone: bones on one side are parallel, ``step`` apart,
  and ``step`` is the widest cause plus the lean of the bone over the tallest cause;
- the bones on one side are as long as the longest of them needs (``rise``); a bone's causes
  are spread along it;
- the category labels sit beyond the ends of the bones, the head grows with the effect;
- the wrap width is the widest (from ``WRAP_WIDTHS``) that keeps the drawing within
  ``TARGET_WIDTH``, so a crowded diagram grows in height rather than shrinking its text.

Every text has a ``Box``; ``width`` and ``height`` (the SVG's viewBox) hold every element.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

FONT_SIZE = 16
LINE_HEIGHT = 21
LABEL_FONT_SIZE = 18
LABEL_LINE_HEIGHT = 24
LABEL_PADDING = 10  # around a category label, inside its box
MORE_HEIGHT = 20  # the "+3 more causes" line beyond a label
MORE_WIDTH = 150  # its estimated width in either language
MAX_CAUSES_DRAWN = 5
BOLD = 1.08  # bold letters are wider
MARGIN = 12
SLOPE = 0.45  # how far a bone leans back (x) per unit of height (y), at most
MAX_LEAN = 150  # how far a tall bone leans back in all
MIN_STEP = 160  # between two bones on one side, so that a small diagram still looks a fish
MIN_RISE = 110  # the shortest bone, from the spine to its end
TEXT_GAP = 6  # between a cause's text and its bone, or its own line
LINE_PAST_TEXT = 10  # how far a cause's line reaches past the start of its text
COLUMN_GAP = 18  # between a bone's texts and the next bone on the same side
SPINE_GAP = 26  # between the spine and the nearest text (clears the tail, ±18)
CAUSE_GAP = 10  # between a cause's line and the next cause's text
HEAD_WIDTH = 190
WIDE_HEAD_WIDTH = 280  # for an effect that would take more than four lines
HEAD_GAP = 30  # between the last bone and the head
TARGET_WIDTH = 820
MIN_WIDTH = 640  # a short diagram gets a longer spine rather than large letters
WRAP_WIDTHS = (224, 208, 192, 176, 160, 144, 128, 112)

_WORD = r"[A-Za-z0-9_'’.,:;!?()/%&+-]+"  # a run of Latin letters that a line keeps together
_TOKENS = re.compile(_WORD + r"\s*|\s+|.")
_NARROW = set("ijlI.,:;'!|ft()[]{} \"`’")
_WIDE = set("mwMW@%")


@dataclass(frozen=True)
class Box:
    """The rectangle a text takes, in the SVG's coordinates."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Cause:
    full_text: str
    lines: tuple[tuple[str, float], ...]  # (text, baseline y), right-aligned at text_x
    text_x: float
    box: Box
    x1: float  # the cause's line, from x1 to the bone at x2
    x2: float
    y: float


@dataclass(frozen=True)
class Bone:
    full_label: str
    label_lines: tuple[tuple[str, float], ...]  # (text, baseline y), centred on label_x
    label_x: float
    label_box: Box
    top: bool
    x1: float  # outer end (where the label sits)
    y1: float
    x2: float  # on the spine
    y2: float
    causes: tuple[Cause, ...]
    hidden_causes: int  # causes not drawn (still in the text alternative)
    more_y: float  # baseline of the "+N more causes" line, beyond the label
    more_box: Box | None


@dataclass(frozen=True)
class Fishbone:
    effect: str
    width: float
    height: float
    spine_y: float
    spine_x1: float
    spine_x2: float
    head_x: float
    head_y: float
    head_width: float
    head_height: float
    head_lines: tuple[tuple[str, float], ...]  # (text, baseline y) of the effect's lines
    bones: tuple[Bone, ...]

    @property
    def tail_points(self) -> str:
        """The tail's triangle, as an SVG ``points`` list."""
        x, y = self.spine_x1, self.spine_y
        return f"{x},{y - 18} {x + 26},{y} {x},{y + 18}"

    @property
    def effect_x(self) -> float:
        return self.head_x + 12

    @property
    def empty_x(self) -> float:
        """Where "No cause categories yet." starts, above the spine."""
        return self.spine_x1 + 40


@lru_cache(maxsize=4096)
def _em(ch: str) -> float:
    """The estimated width of one character, in em."""
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch in _NARROW:
        return 0.34
    if ch in _WIDE:
        return 0.96
    return 0.72 if ch.isupper() or ch.isdigit() else 0.62


def text_width(text: str, font_size: float = FONT_SIZE, latin: float | None = None) -> float:
    """Estimated width of ``text``: wide (CJK) characters one em, Latin letters by their shape
    (or ``latin`` em each when given), measured generously so that a real font fits."""
    if latin is None:
        return sum(map(_em, text)) * font_size
    return sum(1.0 if _em(ch) == 1.0 else latin for ch in text) * font_size


def wrap(text: str, max_width: float, font_size: float = FONT_SIZE, bold: bool = False) -> list:
    """Greedy wrap onto lines no wider than ``max_width``, nothing left out: between words for
    Latin text, between characters for Chinese; a word longer than a line is broken."""
    scale = BOLD if bold else 1.0

    def width(part: str) -> float:
        return text_width(part, font_size) * scale

    lines: list[str] = []
    current, current_width = "", 0.0  # current_width counts its trailing spaces
    for token in _TOKENS.findall(text):
        if current_width + width(token.rstrip()) <= max_width:
            current, current_width = current + token, current_width + width(token)
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = token.lstrip()
        while width(current.rstrip()) > max_width:
            cut = 1
            while cut < len(current) and width(current[: cut + 1]) <= max_width:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
        current_width = width(current)
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


@lru_cache(maxsize=1024)
def wrap_balanced(
    text: str, max_width: float, font_size: float = FONT_SIZE, bold: bool = False
) -> tuple[str, ...]:
    """``wrap`` onto as few lines, made as even as they go: the narrowest width (to the unit)
    that needs no more lines (so no lone last character)."""
    lines = wrap(text, max_width, font_size, bold)
    low, high = font_size * 2, max_width  # high always gives len(lines)
    while len(lines) > 1 and high - low > 1:
        middle = (low + high) / 2
        if len(wrap(text, middle, font_size, bold)) > len(lines):
            low = middle
        else:
            high = middle
    return tuple(wrap(text, high, font_size, bold) if len(lines) > 1 else lines)


def _widest(lines: Sequence[str], font_size: float = FONT_SIZE, bold: bool = False) -> float:
    return max(text_width(line, font_size) for line in lines) * (BOLD if bold else 1.0)


@dataclass(frozen=True)
class _Texts:
    """The wrapped texts of one bone, before they are placed."""

    label: str
    label_lines: tuple[str, ...]
    causes: list[tuple[str, tuple[str, ...]]]  # (full text, lines)
    hidden: int

    @property
    def label_width(self) -> float:
        return _widest(self.label_lines, LABEL_FONT_SIZE, bold=True) + 2 * LABEL_PADDING

    @property
    def label_height(self) -> float:
        return len(self.label_lines) * LABEL_LINE_HEIGHT + LABEL_PADDING

    def needed_rise(self) -> float:
        bands = sum(len(lines) * LINE_HEIGHT + TEXT_GAP + CAUSE_GAP for _t, lines in self.causes)
        return max(MIN_RISE, SPINE_GAP + bands + 6)


def _wrap_all(categories: list[tuple[str, list[str]]], wrap_width: float) -> list[_Texts]:
    return [
        _Texts(
            label=name,
            label_lines=wrap_balanced(name, wrap_width, LABEL_FONT_SIZE, bold=True),
            causes=[(c, wrap_balanced(c, wrap_width)) for c in causes[:MAX_CAUSES_DRAWN]],
            hidden=max(0, len(causes) - MAX_CAUSES_DRAWN),
        )
        for name, causes in categories
    ]


def _step(texts: list[_Texts], slope: float) -> float:
    """The distance between two bones on the same side that keeps their texts apart."""
    widest = max(
        (_widest(lines) for t in texts for _c, lines in t.causes),
        default=0.0,
    )
    tallest = max((len(lines) * LINE_HEIGHT for t in texts for _c, lines in t.causes), default=0)
    cause_column = widest + TEXT_GAP + LINE_PAST_TEXT + slope * (tallest + TEXT_GAP)
    labels = max((t.label_width for t in texts), default=0.0)
    more = MORE_WIDTH if any(t.hidden for t in texts) else 0
    return max(cause_column + COLUMN_GAP, labels + COLUMN_GAP, more + COLUMN_GAP, MIN_STEP)


def _cause(
    full_text: str, lines: Sequence[str], *, x_spine: float, slope: float, sign: int, near: float
) -> Cause:
    """A cause whose text starts ``near`` from the spine (``sign``: -1 above, +1 below)."""
    height = len(lines) * LINE_HEIGHT
    line_distance = near + height + TEXT_GAP
    y = sign * line_distance
    px = x_spine - slope * line_distance  # where the cause's line meets the bone
    width = _widest(lines)
    top = min(sign * near, sign * (near + height))
    box = Box(round(px - TEXT_GAP - width, 1), round(top, 1), round(width, 1), height)
    baselines = [top + (i + 1) * LINE_HEIGHT - 5 for i in range(len(lines))]
    return Cause(
        full_text=full_text,
        lines=tuple((line, round(b, 1)) for line, b in zip(lines, baselines, strict=True)),
        text_x=round(px - TEXT_GAP, 1),
        box=box,
        x1=round(px - TEXT_GAP - width - LINE_PAST_TEXT, 1),
        x2=round(px, 1),
        y=round(y, 1),
    )


def _causes(
    texts: _Texts, *, x_spine: float, slope: float, sign: int, rise: float
) -> tuple[Cause, ...]:
    """The causes spread along a bone of height ``rise``, the first one nearest its end."""
    spare = (rise - texts.needed_rise()) / (len(texts.causes) + 1)
    near = SPINE_GAP + spare
    placed = []
    for full_text, lines in reversed(texts.causes):
        cause = _cause(full_text, lines, x_spine=x_spine, slope=slope, sign=sign, near=near)
        placed.append(cause)
        near += len(lines) * LINE_HEIGHT + TEXT_GAP + CAUSE_GAP + spare
    return tuple(reversed(placed))


def _bone(texts: _Texts, *, top: bool, x_spine: float, slope: float, rise: float) -> Bone:
    """A bone in coordinates where the spine is y = 0: above it (``top``) or below."""
    sign = -1 if top else 1
    x1 = x_spine - slope * rise
    width, height = texts.label_width, texts.label_height
    near_edge = rise + TEXT_GAP
    label_top = -(near_edge + height) if top else near_edge
    first = label_top + LABEL_LINE_HEIGHT - 5 + LABEL_PADDING / 2
    more_y = label_top - 6 if top else label_top + height + MORE_HEIGHT - 4
    return Bone(
        full_label=texts.label,
        label_lines=tuple(
            (line, round(first + i * LABEL_LINE_HEIGHT, 1))
            for i, line in enumerate(texts.label_lines)
        ),
        label_x=round(x1, 1),
        label_box=Box(round(x1 - width / 2, 1), round(label_top, 1), round(width, 1), height),
        top=top,
        x1=round(x1, 1),
        y1=round(sign * rise, 1),
        x2=round(x_spine, 1),
        y2=0,
        causes=_causes(texts, x_spine=x_spine, slope=slope, sign=sign, rise=rise),
        hidden_causes=texts.hidden,
        more_y=round(more_y, 1),
        more_box=_more_box(x1, more_y) if texts.hidden else None,
    )


def _more_box(x: float, baseline: float) -> Box:
    """The box of the "+N more causes" line centred on ``x``."""
    return Box(
        round(x - MORE_WIDTH / 2, 1), round(baseline - MORE_HEIGHT + 5, 1), MORE_WIDTH, MORE_HEIGHT
    )


def _head(effect: str) -> tuple[float, float, list[str]]:
    """Width and height of the head and the effect's lines inside it."""
    lines = wrap_balanced(effect, HEAD_WIDTH - 24, LABEL_FONT_SIZE, bold=True)
    width = HEAD_WIDTH
    if len(lines) > 4:
        width = WIDE_HEAD_WIDTH
        lines = wrap_balanced(effect, width - 24, LABEL_FONT_SIZE, bold=True)
    return width, max(96, len(lines) * LABEL_LINE_HEIGHT + 24), lines


def _draft(effect: str, texts: list[_Texts]) -> Fishbone:
    """The diagram with the spine at y = 0 and the first bone at x = 0 (not yet in view)."""
    # One length for the bones above the spine, one for those below (even and odd indexes).
    rises = [max((t.needed_rise() for t in texts[side::2]), default=MIN_RISE) for side in (0, 1)]
    slopes = [min(SLOPE, MAX_LEAN / rise) for rise in rises]
    step = _step(texts, max(slopes))
    bones = tuple(
        _bone(
            t,
            top=index % 2 == 0,
            x_spine=step * (index // 2),
            slope=slopes[index % 2],
            rise=rises[index % 2],
        )
        for index, t in enumerate(texts)
    )
    last_x = step * max(0, (len(texts) - 1) // 2)
    label_reach = max((b.label_box.x + b.label_box.width for b in bones), default=0.0)
    head_x = max(last_x + HEAD_GAP, label_reach + COLUMN_GAP)
    head_width, head_height, lines = _head(effect)
    tail_x = min((b.x1 for b in bones), default=0.0) - 40
    first_y = -(len(lines) - 1) * LABEL_LINE_HEIGHT / 2 + LABEL_FONT_SIZE * 0.35
    return Fishbone(
        effect=effect,
        width=0,
        height=0,
        spine_y=0,
        spine_x1=round(min(tail_x, head_x + head_width + 2 * MARGIN - MIN_WIDTH), 1),
        spine_x2=round(head_x, 1),
        head_x=round(head_x, 1),
        head_y=round(-head_height / 2, 1),
        head_width=head_width,
        head_height=head_height,
        head_lines=tuple(
            (line, round(first_y + i * LABEL_LINE_HEIGHT, 1)) for i, line in enumerate(lines)
        ),
        bones=bones,
    )


def boxes(fishbone: Fishbone) -> list[Box]:
    """The rectangles of every text: the category labels, their "+N more", the causes."""
    out = []
    for bone in fishbone.bones:
        out.append(bone.label_box)
        if bone.more_box:
            out.append(bone.more_box)
        out.extend(cause.box for cause in bone.causes)
    return out


def lines(fishbone: Fishbone) -> list[tuple[float, float, float, float]]:
    """Every line drawn: the spine, the bones and the causes' lines, as (x1, y1, x2, y2)."""
    out = [(fishbone.spine_x1, fishbone.spine_y, fishbone.spine_x2, fishbone.spine_y)]
    for bone in fishbone.bones:
        out.append((bone.x1, bone.y1, bone.x2, bone.y2))
        out.extend((c.x1, c.y, c.x2, c.y) for c in bone.causes)
    return out


def _extent(fishbone: Fishbone) -> Box:
    """The smallest rectangle holding every element (texts, lines, head, tail)."""
    head = Box(fishbone.head_x, fishbone.head_y, fishbone.head_width, fishbone.head_height)
    tail = Box(fishbone.spine_x1, fishbone.spine_y - 18, 26, 36)
    rects = [*boxes(fishbone), head, tail]
    xs = [x for r in rects for x in (r.x, r.x + r.width)]
    ys = [y for r in rects for y in (r.y, r.y + r.height)]
    for x1, y1, x2, y2 in lines(fishbone):
        xs += [x1, x2]
        ys += [y1, y2]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _moved(fishbone: Fishbone, dx: float, dy: float) -> Fishbone:
    """The same diagram moved by (dx, dy)."""

    def box(b: Box | None) -> Box | None:
        return b and replace(b, x=round(b.x + dx, 1), y=round(b.y + dy, 1))

    def texts(lines: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
        return tuple((text, round(y + dy, 1)) for text, y in lines)

    def x(value: float) -> float:
        return round(value + dx, 1)

    def y(value: float) -> float:
        return round(value + dy, 1)

    def cause(c: Cause) -> Cause:
        moved = {"text_x": x(c.text_x), "x1": x(c.x1), "x2": x(c.x2), "y": y(c.y)}
        return replace(c, lines=texts(c.lines), box=box(c.box), **moved)

    bones = tuple(
        replace(
            b,
            label_lines=texts(b.label_lines),
            label_x=x(b.label_x),
            label_box=box(b.label_box),
            x1=x(b.x1),
            y1=y(b.y1),
            x2=x(b.x2),
            y2=y(b.y2),
            causes=tuple(cause(c) for c in b.causes),
            more_y=y(b.more_y),
            more_box=box(b.more_box),
        )
        for b in fishbone.bones
    )
    return replace(
        fishbone,
        spine_y=y(fishbone.spine_y),
        spine_x1=x(fishbone.spine_x1),
        spine_x2=x(fishbone.spine_x2),
        head_x=x(fishbone.head_x),
        head_y=y(fishbone.head_y),
        head_lines=texts(fishbone.head_lines),
        bones=bones,
    )


def _longest_word(categories: list[tuple[str, list[str]]]) -> float:
    """The width of the widest Latin word of the labels and the causes (Chinese breaks anywhere)."""
    words = re.compile(_WORD)
    widths = [
        text_width(word, LABEL_FONT_SIZE) * BOLD
        for name, _causes in categories
        for word in words.findall(name)
    ] + [
        text_width(word)
        for _name, causes in categories
        for cause in causes[:MAX_CAUSES_DRAWN]
        for word in words.findall(cause)
    ]
    return max(widths, default=0.0)


def fishbone_layout(*, effect: str, categories: list[tuple[str, list[str]]]) -> Fishbone:
    """Place the head, the spine, one bone per category and the causes along each bone.

    Categories alternate above and below the spine; the first pair sits nearest the tail. The
    widest wrap that keeps the drawing within ``TARGET_WIDTH`` wins (else the narrowest that
    still holds the longest English word whole).
    """
    floor = min(_longest_word(categories), WRAP_WIDTHS[0])
    for wrap_width in [w for w in WRAP_WIDTHS if w >= floor]:
        draft = _draft(effect, _wrap_all(categories, wrap_width))
        extent = _extent(draft)
        if extent.width + 2 * MARGIN <= TARGET_WIDTH:
            break
    return replace(
        _moved(draft, MARGIN - extent.x, MARGIN - extent.y),
        width=round(extent.width + 2 * MARGIN, 1),
        height=round(extent.height + 2 * MARGIN, 1),
    )

"""Template tags of the practice-case pages.

``{% fishbone_layout effect categories as fb %}`` computes the geometry of a fishbone
(Ishikawa) diagram for ``templates/exams/includes/fishbone.svg.html``: categories alternate
above and below the spine, causes sit along their bone, the effect is the head on the right.
Long texts are shortened in the drawing and given in full in a ``<title>``.
"""

from __future__ import annotations

from django import template

register = template.Library()

COLUMN_WIDTH = 250
LEFT_PAD = 190
HEAD_WIDTH = 190
MAX_CAUSES = 6
CAUSE_CHARS = 13
NAME_CHARS = 12
EFFECT_LINE_CHARS = 11
EFFECT_LINES = 3


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lines(text: str, width: int, count: int) -> list[str]:
    text = " ".join(str(text).split())
    lines = [text[i : i + width] for i in range(0, len(text), width)] or [""]
    if len(lines) > count:
        lines = lines[:count]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


@register.simple_tag
def fishbone_layout(effect, categories):
    categories = [
        {"name": c.get("name", ""), "causes": list(c.get("causes", []))} for c in (categories or [])
    ]
    most = max((len(c["causes"]) for c in categories), default=0)
    bone_height = max(90, 36 + 26 * min(most, MAX_CAUSES))
    bone_dx = round(bone_height * 0.5)
    columns = max(1, (len(categories) + 1) // 2)
    spine_y = bone_height + 44
    height = spine_y * 2
    head_x = LEFT_PAD + columns * COLUMN_WIDTH
    width = head_x + HEAD_WIDTH + 12

    bones = []
    for index, category in enumerate(categories):
        column = index // 2
        above = index % 2 == 0
        join_x = LEFT_PAD + (column + 1) * COLUMN_WIDTH - 24
        tip_x = join_x - bone_dx
        tip_y = spine_y - bone_height if above else spine_y + bone_height
        shown = category["causes"][:MAX_CAUSES]
        hidden = len(category["causes"]) - len(shown)
        causes = []
        for position, cause in enumerate(shown):
            t = (position + 1) / (len(shown) + 1)
            x = round(tip_x + t * bone_dx)
            y = round(tip_y + t * (spine_y - tip_y))
            causes.append(
                {
                    "text": _shorten(cause, CAUSE_CHARS),
                    "full": cause,
                    "x1": x - 16,
                    "x2": x,
                    "y": y,
                    "text_x": x - 20,
                    "text_y": y + 4,
                }
            )
        bones.append(
            {
                "name": _shorten(category["name"], NAME_CHARS),
                "full_name": category["name"],
                "x1": tip_x,
                "y1": tip_y,
                "x2": join_x,
                "y2": spine_y,
                "name_x": tip_x,
                "name_y": tip_y - 10 if above else tip_y + 22,
                "causes": causes,
                "hidden": hidden,
                "hidden_y": tip_y - 28 if above else tip_y + 38,
            }
        )
    effect_lines = _lines(effect or "", EFFECT_LINE_CHARS, EFFECT_LINES)
    first_line_y = spine_y - (len(effect_lines) - 1) * 9 + 5
    return {
        "width": width,
        "height": height,
        "spine_y": spine_y,
        "spine_x1": 24,
        "spine_x2": head_x,
        "head_x": head_x + 6,
        "head_y": spine_y - 38,
        "head_w": HEAD_WIDTH - 12,
        "head_h": 76,
        "effect": effect or "",
        "effect_lines": [
            {"text": line, "y": first_line_y + 18 * i} for i, line in enumerate(effect_lines)
        ],
        "effect_x": head_x + 6 + (HEAD_WIDTH - 12) // 2,
        "bones": bones,
    }

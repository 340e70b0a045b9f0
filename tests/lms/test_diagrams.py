"""The fishbone's layout (lms.diagrams): nothing cut, nothing over a bone or another text, and a
viewBox that holds every element."""

import pytest

from lms import diagrams

CHINESE_40 = "更换的编码器型号与原来的不一致而且参数没有重新设置，导致设备开机二十分钟后报警停机"
ENGLISH_LONG = (
    "The replacement encoder is a different model and its parameters were never set again, "
    "so the machine stops with an alarm twenty minutes after start-up"
)
UNBROKEN = "Pneumonoultramicroscopicsilicovolcanoconiosis-like-encoder-fault"


def layout(categories=None, effect="设备维修后开机报警停机"):
    if categories is None:
        categories = [(name, ["原因一", "原因二"]) for name in "人机料法环测"]
    return diagrams.fishbone_layout(effect=effect, categories=categories)


def crowded():
    """Six categories, long causes in both languages, a long label, more causes than drawn."""
    return layout(
        [
            ("人 People and their training on site", [CHINESE_40, "新员工经验不足"]),
            ("Machine", [ENGLISH_LONG, UNBROKEN, "线缆磨损"]),
            ("料", [f"原因{i}" for i in range(8)]),
            ("Method", [CHINESE_40]),
            ("环", []),
            ("测", [ENGLISH_LONG, CHINESE_40]),
        ],
        effect="The machine stops with an alarm after every repair of its spindle " * 2,
    )


def joined(lines):
    return "".join(text for text, _y in lines)


def overlap(a, b):
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def segment_meets_box(segment, box):
    """Whether the segment (x1, y1, x2, y2) passes through the box (sampled every 0.5 px)."""
    x1, y1, x2, y2 = segment
    steps = int(max(abs(x2 - x1), abs(y2 - y1)) * 2) + 1
    return any(
        box.x < x1 + (x2 - x1) * k / steps < box.x + box.width
        and box.y < y1 + (y2 - y1) * k / steps < box.y + box.height
        for k in range(steps + 1)
    )


def test_categories_alternate_above_and_below_the_spine():
    fishbone = layout()
    assert [bone.top for bone in fishbone.bones] == [True, False] * 3
    assert all(bone.y2 == fishbone.spine_y for bone in fishbone.bones)
    assert all((bone.y1 < fishbone.spine_y) == bone.top for bone in fishbone.bones)


@pytest.mark.parametrize("cause", [CHINESE_40, ENGLISH_LONG, UNBROKEN])
def test_long_causes_wrap_onto_lines_and_nothing_is_cut(cause):
    bone = layout([("机", [cause]), ("人", ["原因"])]).bones[0]
    lines = bone.causes[0].lines
    assert len(lines) > 1
    separator = " " if cause == ENGLISH_LONG else ""
    assert separator.join(text for text, _y in lines) == cause
    assert not any("…" in text for text, _y in lines)
    assert [y for _t, y in lines] == sorted(y for _t, y in lines)


def test_chinese_wraps_between_characters_and_english_between_words():
    chinese = diagrams.wrap(CHINESE_40, 160)
    assert all(diagrams.text_width(line) <= 160 for line in chinese)
    assert len(chinese[0]) == 10  # ten characters of 16 px in 160 px
    english = diagrams.wrap(ENGLISH_LONG, 160)
    words = ENGLISH_LONG.split()
    assert [word for line in english for word in line.split()] == words
    broken = diagrams.wrap(UNBROKEN, 160)
    assert len(broken) > 1 and "".join(broken) == UNBROKEN
    assert all(diagrams.text_width(line) <= 160 for line in broken)


def test_english_words_are_not_broken_to_save_room():
    fishbone = layout(
        [(name, [ENGLISH_LONG]) for name in ["Environment", "Measurement", "Machine", "Method"]]
    )
    labels = [text for bone in fishbone.bones for text, _y in bone.label_lines]
    assert {"Environment", "Measurement"} <= set(labels)
    drawn = {word for b in fishbone.bones for t, _y in b.causes[0].lines for word in t.split()}
    assert drawn == set(ENGLISH_LONG.split())


def test_long_labels_and_the_effect_wrap_whole():
    fishbone = crowded()
    assert " ".join(t for t, _y in fishbone.bones[0].label_lines) == (
        "人 People and their training on site"
    )
    assert " ".join(t for t, _y in fishbone.head_lines) == fishbone.effect.strip()
    assert fishbone.head_height >= len(fishbone.head_lines) * diagrams.LABEL_LINE_HEIGHT


def test_no_text_meets_a_line_or_another_text():
    fishbone = crowded()
    boxes = diagrams.boxes(fishbone)
    assert len(boxes) == 6 + 1 + 13  # labels, one "+3 more causes", the causes drawn
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not overlap(box, other), (box, other)
        for segment in diagrams.lines(fishbone):
            assert not segment_meets_box(segment, box), (segment, box)
        head = diagrams.Box(
            fishbone.head_x, fishbone.head_y, fishbone.head_width, fishbone.head_height
        )
        assert not overlap(box, head)


def test_the_view_box_holds_every_element():
    for fishbone in [crowded(), layout(), layout([]), layout([("人", [CHINESE_40])])]:
        assert fishbone.head_x + fishbone.head_width <= fishbone.width
        assert fishbone.head_y >= 0
        assert fishbone.head_y + fishbone.head_height <= fishbone.height
        for box in diagrams.boxes(fishbone):
            assert box.x >= 0 and box.x + box.width <= fishbone.width
            assert box.y >= 0 and box.y + box.height <= fishbone.height
        for x1, y1, x2, y2 in diagrams.lines(fishbone):
            assert min(x1, x2) >= 0 and max(x1, x2) <= fishbone.width
            assert min(y1, y2) >= 0 and max(y1, y2) <= fishbone.height


def test_the_drawing_grows_in_height_rather_than_in_width():
    short = layout()
    long = layout([(name, [CHINESE_40, ENGLISH_LONG]) for name in "人机料法"])
    assert long.height > short.height
    assert short.width <= long.width <= diagrams.TARGET_WIDTH
    assert layout([("人", ["原因"])]).width >= diagrams.MIN_WIDTH


def test_causes_are_drawn_with_their_texts_and_at_most_five_per_bone():
    bone = layout([("人", [f"原因{i}" for i in range(8)])]).bones[0]
    assert [joined(cause.lines) for cause in bone.causes] == [f"原因{i}" for i in range(5)]
    assert bone.hidden_causes == 3
    assert bone.more_box is not None


def test_text_width_counts_chinese_as_wide():
    assert diagrams.text_width("人人", 10) == 20
    assert diagrams.text_width("ab", 10) < 20

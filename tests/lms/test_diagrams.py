from lms import diagrams


def layout(categories=None, effect="设备维修后开机报警停机"):
    if categories is None:
        categories = [(name, ["原因一", "原因二"]) for name in "人机料法环测"]
    return diagrams.fishbone_layout(effect=effect, categories=categories)


def test_categories_alternate_above_and_below_the_spine():
    fishbone = layout()
    assert [bone.top for bone in fishbone.bones] == [True, False] * 3
    assert all(bone.y2 == fishbone.spine_y for bone in fishbone.bones)


def test_everything_fits_inside_the_drawing():
    fishbone = layout()
    for bone in fishbone.bones:
        assert 0 <= bone.x1 < bone.x2 <= fishbone.head_x
        for cause in bone.causes:
            assert 0 <= cause.x1 < cause.x2 <= fishbone.width
            assert 0 <= cause.y <= fishbone.height


def test_long_texts_are_shortened_but_kept_whole_for_the_text_alternative():
    long = "编码器插头没有插到位并且锁扣没有扣上导致运行中松脱"
    categories = [("机", [long])] + [(name, ["原因"]) for name in "人料法环测"]
    bone = layout(categories).bones[0]
    assert bone.causes[0].text.endswith("…")
    assert bone.causes[0].full_text == long


def test_at_most_five_causes_are_drawn_per_bone():
    bone = layout([("人", [f"原因{i}" for i in range(8)])]).bones[0]
    assert len(bone.causes) == 5
    assert bone.hidden_causes == 3


def test_the_effect_wraps_onto_at_most_three_lines():
    fishbone = layout(effect="很长的问题描述" * 10)
    assert 1 < len(fishbone.head_lines) <= 3
    assert fishbone.head_lines[-1][0].endswith("…")


def test_text_width_counts_chinese_as_wide():
    assert diagrams.text_width("人人", 10) == 20
    assert diagrams.text_width("ab", 10) < 20


def test_latin_effects_wrap_between_words():
    lines = [line for line, _y in layout(effect="Alarm stop at start-up after repair").head_lines]
    assert " ".join(lines) == "Alarm stop at start-up after repair"
    assert all(not line.startswith(" ") for line in lines)

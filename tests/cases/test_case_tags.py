"""A report's fishbone (templates/exams/includes/fishbone.svg.html), drawn by the same layout and
SVG as a lesson's fishbone block (lms.diagrams, templates/includes/fishbone_svg.html)."""

from defusedxml import ElementTree
from django.template.loader import render_to_string

SVG = "{http://www.w3.org/2000/svg}"


def draw(effect, categories):
    return render_to_string(
        "cases/includes/fishbone.svg.html", {"effect": effect, "categories": categories}
    )


def test_every_category_and_cause_is_drawn_with_the_effect_as_head():
    svg = draw(
        "主轴过载报警",
        [
            {"name": "设备", "causes": ["编码器参数", "轴承预紧"]},
            {"name": "方法", "causes": ["试机过短"]},
            {"name": "人员", "causes": []},
        ],
    ).strip()
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'aria-labelledby="case-fishbone-title"' in svg
    assert "鱼骨图：“主轴过载报警”的原因" in svg
    assert '<text class="fb-effect"' in svg
    for text in ["设备", "方法", "人员", "编码器参数", "轴承预紧", "试机过短"]:
        assert f">{text}</tspan></text>" in svg
    assert svg.count('class="fb-bone"') == 3
    assert svg.count('class="fb-cause-text"') == 3


def texts_of(svg, css_class):
    """The whole text of each <text class="css_class"> element: its <tspan> lines joined."""
    root = ElementTree.fromstring(svg.strip())
    return [
        [tspan.text for tspan in text.findall(f"{SVG}tspan")]
        for text in root.iter(f"{SVG}text")
        if text.get("class") == css_class
    ]


def test_long_texts_wrap_onto_lines_whole_in_both_languages():
    chinese = "更换的编码器型号与原来的不一致而且参数没有重新设置，导致设备开机二十分钟后报警停机"
    english = (
        "The replacement encoder is a different model and its parameters were never set "
        "again, so the machine stops with an alarm twenty minutes after start-up"
    )
    label = "Equipment and the tools used on site"
    svg = draw("主轴过载报警", [{"name": label, "causes": [chinese, english]}])
    chinese_lines, english_lines = texts_of(svg, "fb-cause-text")
    assert len(chinese_lines) > 1 and "".join(chinese_lines) == chinese
    assert len(english_lines) > 1 and " ".join(english_lines) == english
    [label_lines] = texts_of(svg, "fb-label")
    assert " ".join(label_lines) == label
    assert "…" not in svg


def test_the_svg_scales_through_its_view_box_without_a_fixed_size():
    root = ElementTree.fromstring(draw("x", [{"name": "设备", "causes": ["原因"]}]).strip())
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("width") is None and root.get("height") is None


def test_more_causes_than_fit_are_counted():
    svg = draw("x", [{"name": "设备", "causes": [f"原因{i}" for i in range(9)]}])
    assert svg.count('class="fb-cause-text"') == 5
    assert "还有 4 个原因" in svg  # "+4 more causes"


def test_an_empty_diagram_says_so():
    svg = draw("报警", [])
    assert "报警" in svg and 'class="fb-bone"' not in svg
    assert 'class="fb-empty"' in svg


def test_markup_in_texts_is_escaped():
    svg = draw("<script>x</script>", [{"name": "<b>设备</b>", "causes": ['"/><script>y']}])
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg

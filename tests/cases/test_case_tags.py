"""A report's fishbone (templates/exams/includes/fishbone.svg.html), drawn by the same layout and
SVG as a lesson's fishbone block (lms.diagrams, templates/includes/fishbone_svg.html)."""

from django.template.loader import render_to_string


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
        assert f">{text}</text>" in svg
    assert svg.count('class="fb-bone"') == 3
    assert svg.count('class="fb-cause-text"') == 3


def test_long_texts_are_shortened_with_the_full_text_in_a_title():
    cause = "编码器反馈参数与新编码器分辨率不一致导致速度环异常，并且在低速时更明显"
    svg = draw("x", [{"name": "设备", "causes": [cause]}])
    assert f"<title>{cause}</title>" in svg
    assert "…</text>" in svg


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

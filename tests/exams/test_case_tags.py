"""The fishbone drawing (templates/exams/includes/fishbone.svg.html)."""

from django.template.loader import render_to_string


def draw(effect, categories):
    return render_to_string(
        "exams/includes/fishbone.svg.html", {"effect": effect, "categories": categories}
    )


def test_every_category_and_cause_is_drawn_with_the_effect_as_head():
    svg = draw(
        "主轴过载报警",
        [
            {"name": "设备", "causes": ["编码器参数", "轴承预紧"]},
            {"name": "方法", "causes": ["试机过短"]},
            {"name": "人员", "causes": []},
        ],
    )
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    for text in ["主轴过载报警", "设备", "方法", "人员", "编码器参数", "轴承预紧", "试机过短"]:
        assert text in svg
    assert svg.count('class="fishbone-category"') == 3
    assert svg.count('class="fishbone-cause"') == 3


def test_long_texts_are_shortened_with_the_full_text_in_a_title():
    cause = "编码器反馈参数与新编码器分辨率不一致导致速度环异常"
    svg = draw("x", [{"name": "设备", "causes": [cause]}])
    assert f"<title>{cause}</title>" in svg
    assert "编码器反馈参数与新编码器…" in svg


def test_more_causes_than_fit_are_counted():
    svg = draw("x", [{"name": "设备", "causes": [f"原因{i}" for i in range(9)]}])
    assert svg.count('class="fishbone-cause"') == 6
    assert "还有 3 个原因" in svg  # "+3 more causes"


def test_an_empty_diagram_says_so():
    svg = draw("报警", [])
    assert "报警" in svg and 'class="fishbone-category"' not in svg


def test_markup_in_texts_is_escaped():
    svg = draw("<script>x</script>", [{"name": "<b>设备</b>", "causes": ['"/><script>y']}])
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg

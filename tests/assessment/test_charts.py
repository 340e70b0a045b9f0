from decimal import Decimal

from assessment import charts
from lms.bilingual import pick


def test_a_radar_has_one_labelled_axis_per_dimension_and_escapes_labels():
    svg = charts.radar(
        [
            ("技术能力", Decimal(80)),
            ("服务态度", Decimal("72.5")),
            ("团队<协作>", None),
            ("工作效率", Decimal(90)),
        ],
        title="雷达 & 图",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title>雷达 &amp; 图</title>" in svg
    assert "技术能力" in svg and "团队&lt;协作&gt;" in svg and "<协作>" not in svg
    assert ">80.0<" in svg and ">72.5<" in svg and ">—<" in svg
    assert svg.count("<polygon") == 6  # five rings and the scores


def test_bars_show_each_score_and_the_pass_mark():
    svg = charts.bars([("考试", Decimal(85)), ("总分", None)], title="t", mark=Decimal(60))
    assert ">85.0<" in svg and ">—<" in svg and ">60<" in svg
    assert 'stroke-dasharray="4 3"' in svg


def test_a_histogram_colours_passing_bands():
    bins = [("0–10", Decimal(0), 2), ("60–70", Decimal(60), 5)]
    svg = charts.histogram(bins, title="h", pass_mark=Decimal(60))
    assert svg.count("<rect") == 2
    assert ">5<" in svg and ">2<" in svg
    assert charts.OK in svg and charts.BRAND in svg


def test_an_empty_score_is_drawn_as_an_empty_outline():
    empty = charts.bars([("总分", None)], title="t")
    assert 'fill="#0b5fad"' not in empty  # no filled bar
    assert 'fill="#eef1f5"' not in empty  # not even a filled track: an outline
    assert 'fill="none"' in empty and ">—<" in empty
    full = charts.bars([("总分", Decimal(50))], title="t")
    assert 'fill="#eef1f5"' in full and 'width="120.0" height="16" fill="#0b5fad"' in full


def test_a_label_shown_in_chinese_for_want_of_english_is_marked_as_chinese():
    svg = charts.bars(
        [
            (pick("团队协作", "", "en"), Decimal(90)),
            (pick("技术能力", "Technical ability", "en"), 1),
        ],
        title="t",
    )
    assert 'lang="zh-Hans" class="untranslated">团队协作</text>' in svg
    assert 'fill="#1d2733">Technical ability</text>' in svg


def test_english_dimension_names_fit_inside_the_radar():
    """The left axis's "Work efficiency" was cut to "efficiency" in a 340 px drawing."""
    import re

    names = ["Technical ability", "Service attitude", "Teamwork", "Work efficiency"]
    svg = charts.radar([(name, Decimal(80)) for name in names], title="t")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    for x, anchor, label in re.findall(
        r'<text x="([\d.-]+)" y="[\d.-]+" text-anchor="(\w+)" fill="[^"]+">([A-Za-z ]+)</text>',
        svg,
    ):
        drawn = len(label) * 12 * 0.55  # Noto Sans at 12 px: about 0.55 em a Latin letter
        left = {"start": 0, "middle": drawn / 2, "end": drawn}[anchor]
        assert float(x) - left >= 0 and float(x) - left + drawn <= width, label

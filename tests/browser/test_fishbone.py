"""The fishbone diagram in a real browser: on a lesson and on the grading screen, at a phone's
and a desktop's width, in both languages, it fits its container, its head is whole, and no text
(as the browser's fonts draw it) runs over a bone or another text."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale

from tests.cases.conftest import private_storage_dir  # noqa: F401 - fixture
from tests.cases.factories import PracticeCaseFactory, complete_report, submitted_report
from tests.courses.factories import lessons_of, make_cohort, make_course
from tests.factories import PASSWORD, TrainerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1366]
SCREENSHOTS = os.environ.get("FISHBONE_SCREENSHOTS")
CHINESE_40 = "更换的编码器型号与原来的不一致而且参数没有重新设置，导致设备开机二十分钟后报警停机"
ENGLISH_LONG = (
    "The replacement encoder is a different model and its parameters were never set again, "
    "so the machine stops with an alarm twenty minutes after start-up"
)


def fishbone_block(effect, categories):
    return {
        "type": "fishbone",
        "value": {
            "title": effect,
            "effect": effect,
            "categories": [{"name": n, "causes": c} for n, c in categories],
            "root_cause": "",
        },
    }


ZH_BODY = [
    fishbone_block(
        "设备维修后开机报警停机",
        [
            ("人", ["未按手册复位参数", "新员工经验不足"]),
            ("机", [CHINESE_40, "编码器插头松动"]),
            ("料", ["更换的编码器型号不符"]),
            ("法", ["缺少维修后检查清单", CHINESE_40]),
            ("环", ["车间粉尘大"]),
            ("测", ["未做空载试运行"]),
        ],
    )
]
EN_BODY = [
    fishbone_block(
        "Alarm stop at start-up after a repair",
        [
            ("People", ["Parameters not reset as the manual says", "New engineer"]),
            ("Machine", [ENGLISH_LONG, "Encoder plug loose"]),
            ("Material", ["Replacement encoder of the wrong model"]),
            ("Method", ["No checklist after repairs", ENGLISH_LONG]),
            ("Environment", ["Dusty workshop"]),
            ("Measurement", ["No test run without load"]),
        ],
    )
]

# The container, the svg and the head as the screen shows them, and every text (getBBox, in the
# viewBox's units) checked against the lines and the other texts.
MEASURE = """svg => {
  const rect = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const box = e => { const b = e.getBBox();
    return {text: e.textContent, x: b.x, y: b.y, width: b.width, height: b.height}; };
  const view = svg.viewBox.baseVal;
  const container = svg.parentElement;
  return {
    container: rect(container),
    svg: rect(svg),
    head: rect(svg.querySelector(".fb-head")),
    viewport: {left: 0, right: window.innerWidth, top: -1e6, bottom: 1e6},
    scrolls: container.scrollWidth > container.clientWidth,
    pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
    view: {x: view.x, y: view.y, width: view.width, height: view.height},
    texts: [...svg.querySelectorAll(".fb-label, .fb-cause-text, .fb-more")].map(box),
    lines: [...svg.querySelectorAll("line")].map(l =>
      ["x1", "y1", "x2", "y2"].map(a => l[a].baseVal.value)),
    effect: box(svg.querySelector(".fb-effect")),
    headBox: box(svg.querySelector(".fb-head")),
  };
}"""


def inside(inner, outer, slack=0.5):
    return (
        inner["left"] >= outer["left"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["top"] >= outer["top"] - slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def box_inside(inner, outer):
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def meets(line, box):
    x1, y1, x2, y2 = line
    steps = int(max(abs(x2 - x1), abs(y2 - y1)) * 2) + 1
    return any(
        box["x"] < x1 + (x2 - x1) * k / steps < box["x"] + box["width"]
        and box["y"] < y1 + (y2 - y1) * k / steps < box["y"] + box["height"]
        for k in range(steps + 1)
    )


def assert_fishbone_fits(page, svg, name):
    """The drawing fits its container, the head is whole, no text meets a line or a text."""
    svg.scroll_into_view_if_needed()
    m = svg.evaluate(MEASURE)
    assert inside(m["svg"], m["container"]), (name, m["svg"], m["container"])
    assert inside(m["head"], m["svg"]) and inside(m["head"], m["container"]), name
    assert inside(m["svg"], m["viewport"]), name
    assert not m["scrolls"] and not m["pageScrolls"], name
    assert box_inside(m["effect"], m["headBox"]), (name, m["effect"], m["headBox"])
    for i, text in enumerate(m["texts"]):
        assert box_inside(text, m["view"]), (name, text)
        for other in m["texts"][i + 1 :]:
            assert not overlap(text, other), (name, text, other)
        for line in m["lines"]:
            assert not meets(line, text), (name, text["text"], line)
    if SCREENSHOTS:  # to look at the drawings: FISHBONE_SCREENSHOTS=/tmp/shots pytest …
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)
        svg.locator("xpath=..").screenshot(path=f"{SCREENSHOTS}/{name}-drawing.png")


def translated_lesson():
    course = make_course(modules=1, lessons=1, body=ZH_BODY)
    lesson = lessons_of(course)[0]
    en = Locale.objects.get(language_code="en")
    for page in [course, lesson.get_parent().specific, lesson]:
        copy = page.copy_for_translation(en).specific
        if page.pk == lesson.pk:
            copy.body = EN_BODY
        copy.save_revision().publish()
    return course, lesson, lesson.get_translation(en)


def sign_in(browser, live_server, user, width):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state("domcontentloaded")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_a_lesson_fishbone_fits_its_column_in_both_languages(live_server, browser, learner, width):
    course, zh, en = translated_lesson()
    make_cohort(course=course, learners=[learner])
    page = sign_in(browser, live_server, learner, width)
    for lesson, language, long in [(zh, "zh", CHINESE_40), (en, "en", ENGLISH_LONG)]:
        page.goto(f"{live_server.url}{lesson.url}")
        fishbone = page.get_by_test_id("fishbone")
        svg = fishbone.locator("svg")
        expect(svg).to_be_visible()
        # Every cause is drawn whole (on lines) and stays in the text version.
        drawn = svg.locator(".fb-cause-text").all_text_contents()
        assert long.replace(" ", "") in [t.replace(" ", "") for t in drawn]
        expect(fishbone.locator(".fishbone-text")).to_contain_text(long)
        assert_fishbone_fits(page, svg, f"lesson-{language}-{width}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_grading_screen_shows_the_whole_fishbone_in_both_languages(
    live_server,
    browser,
    learner,
    width,
    private_storage_dir,  # noqa: F811
):
    case = PracticeCaseFactory(title="维修后设备报警停机")
    content = complete_report(
        fishbone={
            "effect": "主轴过载报警，设备维修后每次开机二十分钟就停机",
            "categories": [
                {"name": "设备", "causes": [CHINESE_40, "轴承预紧"]},
                {"name": "方法", "causes": [ENGLISH_LONG]},
                {"name": "人员", "causes": ["新员工经验不足"]},
                {"name": "环境", "causes": ["车间粉尘大", CHINESE_40]},
            ],
        }
    )
    submission = submitted_report(case, learner, content)
    trainer = TrainerFactory(username="trainer", display_name="李培训")
    page = sign_in(browser, live_server, trainer, width)
    page.goto(f"{live_server.url}{reverse('cases:grading_screen', args=[submission.pk])}")
    for language in ["zh", "en"]:
        if language == "en":
            page.get_by_test_id("language-en").first.click()
            expect(page.locator("html")).to_have_attribute("lang", "en")
        svg = page.get_by_test_id("report").locator("svg.fishbone")
        expect(svg).to_be_visible()
        expect(page.get_by_test_id("report")).to_contain_text(CHINESE_40)
        assert_fishbone_fits(page, svg, f"grading-{language}-{width}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_editor_previews_long_causes_whole(
    live_server,
    browser,
    learner,
    width,
    private_storage_dir,  # noqa: F811
):
    PracticeCaseFactory(slug="case-alarm", title="维修后设备报警停机")
    page = sign_in(browser, live_server, learner, width)
    page.goto(f"{live_server.url}{reverse('cases:report_edit', args=['case-alarm'])}")
    page.locator("#id_fishbone-1-causes").fill(f"{CHINESE_40}\n{ENGLISH_LONG}")
    page.locator("#id_fishbone-3-causes").fill(CHINESE_40)
    # The autosave answers with the new drawing, which replaces the preview.
    preview = page.locator("[data-fishbone-preview] svg")
    expect(preview.locator(".fb-cause-text").first).to_have_text(CHINESE_40)
    assert_fishbone_fits(page, preview, f"preview-zh-{width}")
    page.context.close()

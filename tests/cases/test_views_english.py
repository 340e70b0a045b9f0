"""Practice cases and rubrics in the page's language (Chinese first, English second).

Case pages take their language from the reader's choice (the language cookie); a case or a
rubric text without English shows its Chinese on English pages, marked "Chinese only". What
learners and graders wrote, and people's names, is user data inside ``translate="no"``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from cases import services
from cases.models import FaultTypeTag, ProductTag
from tests.cases.factories import (
    PracticeCaseFactory,
    make_rubric,
    mark_entry,
    submitted_report,
    translate_rubric,
)

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _CJKOutsideUserData(HTMLParser):
    """Collects CJK text in <main> that is neither user data (translate="no") nor a marked
    fallback (lang="zh-Hans" class="untranslated")."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: does it exempt its content?
        self.in_main = False
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag in VOID:
            return
        exempt = attrs.get("translate") == "no" or "untranslated" in (attrs.get("class") or "")
        self.stack.append(exempt or tag in ("script", "style", "textarea", "template"))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_main and not any(self.stack) and CJK.search(data):
            self.found.append(data.strip())


def cjk_outside_user_data(page: str) -> list[str]:
    parser = _CJKOutsideUserData()
    parser.feed(page)
    return parser.found


def reader(user, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def english_case(db):
    case = PracticeCaseFactory(
        slug="case-english",
        title="维修后设备报警停机",
        title_en="Machine stops with an alarm after a repair",
        summary="更换编码器后报警",
        summary_en="An alarm after the encoder was replaced",
        customer="华东某工厂",
        customer_en="A plant in East China",
        scenario="<p>设备每次开机二十分钟后报警。</p>",
        scenario_en="<p>The machine raises an alarm twenty minutes after every start.</p>",
        rubric=translate_rubric(make_rubric()),
    )
    ProductTag.objects.create(name="立式加工中心", slug="vmc", name_en="Vertical machining centre")
    FaultTypeTag.objects.create(name="报警停机", slug="alarm", name_en="Alarm stop")
    case.product_tags.add("立式加工中心")
    case.fault_type_tags.add("报警停机")
    case.save()
    return case


def test_a_case_and_its_rubric_read_in_english_on_english_pages(english_case, learner):
    client = reader(learner, "en")
    listing = client.get("/cases/").content.decode()
    page = client.get("/cases/case-english/").content.decode()
    assert "Machine stops with an alarm after a repair" in listing
    assert "An alarm after the encoder was replaced" in listing
    assert "Vertical machining centre" in listing and "Alarm stop" in listing
    assert "The machine raises an alarm twenty minutes after every start." in page
    assert "A plant in East China" in page
    assert "Criterion 2" in page and "What criterion 2 looks at" in page
    assert "Partly meets" in page and "A report at level 4" in page
    assert "Chinese only" not in page
    assert cjk_outside_user_data(page) == []
    assert cjk_outside_user_data(listing) == []


def test_the_same_case_reads_in_chinese_on_chinese_pages(english_case, learner):
    client = reader(learner, "zh-hans")
    page = client.get("/cases/case-english/").content.decode()
    assert "维修后设备报警停机" in page and "设备每次开机二十分钟后报警。" in page
    assert "标准2" in page and "基本达到" in page and "立式加工中心" in page
    for english in ("Machine stops with an alarm", "twenty minutes", "Criterion 2", "Partly meets"):
        assert english not in page


def test_a_case_without_english_shows_its_chinese_marked_on_english_pages(single_case, learner):
    client = reader(learner, "en")
    for url in ("/cases/", "/cases/case-single/"):
        page = client.get(url).content.decode()
        assert '<span lang="zh-Hans" class="untranslated">报警停机</span>' in page
        assert "Chinese only" in page
    page = client.get("/cases/case-single/").content.decode()
    assert '<div lang="zh-Hans" class="untranslated"><p>设备报警停机。</p></div>' in page
    assert cjk_outside_user_data(page) == []


def test_the_grading_screen_shows_the_rubric_in_the_graders_language(
    english_case, learner, trainer
):
    submission = submitted_report(english_case, learner)
    url = f"/grading/cases/{submission.pk}/"
    english = reader(trainer, "en").get(url).content.decode()
    assert "Method rubric (v1)" in english
    assert "Criterion 1" in english and "Does not meet" in english
    assert "A report at level 3" in english
    assert "The machine raises an alarm twenty minutes after every start." in english
    assert cjk_outside_user_data(english) == []

    chinese = reader(trainer, "zh-hans").get(url).content.decode()
    assert "方法论评分标准 (v1)" in chinese and "标准1" in chinese and "未达到的描述" in chinese
    assert "Criterion 1" not in chinese and "Method rubric" not in chinese


def test_what_learners_and_graders_wrote_is_user_data_on_english_pages(
    english_case, learner, trainer
):
    submission = submitted_report(english_case, learner)
    services.mark_submit(
        submission=submission,
        grader=trainer,
        entry=mark_entry(english_case.rubric, 3, feedback="分析完整，证据充分。"),
        decision="finalise",
    )
    learner_page = reader(learner, "en").get("/cases/case-english/versions/1/").content.decode()
    assert "分析完整，证据充分。" in learner_page  # the grader's feedback, as written
    assert "Criterion 1" in learner_page and "Level 4" in learner_page
    assert cjk_outside_user_data(learner_page) == []
    queue = reader(trainer, "en").get("/grading/cases/").content.decode()
    assert "Machine stops with an alarm after a repair" in queue
    assert cjk_outside_user_data(queue) == []


def test_a_grader_who_forgets_a_level_is_told_the_criterion_in_their_language(
    english_case, learner, trainer
):
    submission = submitted_report(english_case, learner)
    entry = mark_entry(english_case.rubric, 3)
    first = english_case.rubric.criteria.order_by("sort_order").first()
    entry.levels[first.pk] = None
    client = reader(trainer, "en")
    data = {"action": "finalise", "feedback": "好"}
    for criterion_id, level_id in entry.levels.items():
        data[f"level_{criterion_id}"] = "" if level_id is None else str(level_id)
    page = client.post(f"/grading/cases/{submission.pk}/", data, follow=True).content.decode()
    assert "Choose a level for every criterion before submitting: Criterion 1" in page


def test_the_agreement_report_names_the_rubric_in_english_and_graders_as_written(
    double_case, learner, other_learner, trainer, trainer2, assessor
):
    translate_rubric(double_case.rubric)
    for author in (learner, other_learner):
        submission = submitted_report(double_case, author)
        for grader in (trainer, trainer2):
            services.mark_submit(
                submission=submission, grader=grader, entry=mark_entry(double_case.rubric, 3)
            )
    page = reader(assessor, "en").get("/grading/agreement/").content.decode()
    assert "Method rubric (v1)" in page
    assert "李培训" in page and "周讲师" in page
    assert cjk_outside_user_data(page) == []


def test_the_learners_dashboard_names_cases_in_the_page_language(english_case, learner):
    english = reader(learner, "en").get("/dashboard/learner/").content.decode()
    panel = english[english.index('data-testid="panel-my-cases"') :].split("</section>")[0]
    assert "Machine stops with an alarm after a repair" in panel
    assert cjk_outside_user_data(f"<main>{panel}</main>") == []
    chinese = reader(learner, "zh-hans").get("/dashboard/learner/").content.decode()
    assert "维修后设备报警停机" in chinese and "Machine stops with an alarm" not in chinese


def test_the_case_list_is_in_title_order_of_the_pages_language(learner):
    PracticeCaseFactory(title="安装调试", title_en="Zero-point setup", slug="setup")
    PracticeCaseFactory(title="维修报警", title_en="Alarm repair", slug="alarm")
    english = reader(learner, "en").get("/cases/").content.decode()
    chinese = reader(learner, "zh-hans").get("/cases/").content.decode()
    assert english.index("Alarm repair") < english.index("Zero-point setup")
    assert chinese.index("安装调试") < chinese.index("维修报警")

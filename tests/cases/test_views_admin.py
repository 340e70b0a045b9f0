"""The CMS screens for rubrics and practice cases (Wagtail snippets)."""

import json
from decimal import Decimal

import pytest
from django.utils import translation

from cases import services
from cases.models import CaseSubmission, PracticeCase, ProductTag, Rubric, RubricLevel
from tests.cases.factories import (
    PracticeCaseFactory,
    make_rubric,
    mark_entry,
    submitted_report,
    translate_rubric,
)

pytestmark = pytest.mark.django_db

RUBRICS = "/cms/snippets/exams/rubric/"


def rubric_data(title, criteria, *, initial=0):
    """POST data of the rubric form. ``criteria``: dicts with title, critical, minimum,
    levels [(label, points)], and ``id``/level ids when editing."""
    data = {
        "title": title,
        "description": "说明",
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, criterion in enumerate(criteria):
        prefix = f"criteria-{i}"
        data.update(
            {
                f"{prefix}-id": str(criterion.get("id", "")),
                f"{prefix}-ORDER": str(i + 1),
                f"{prefix}-title": criterion["title"],
                f"{prefix}-description": "",
                f"{prefix}-minimum_level": str(criterion.get("minimum") or ""),
                f"{prefix}-levels-TOTAL_FORMS": str(len(criterion["levels"])),
                f"{prefix}-levels-INITIAL_FORMS": str(criterion.get("initial_levels", 0)),
                f"{prefix}-levels-MIN_NUM_FORMS": "2",
                f"{prefix}-levels-MAX_NUM_FORMS": "1000",
            }
        )
        if criterion.get("critical"):
            data[f"{prefix}-critical"] = "on"
        if criterion.get("delete"):
            data[f"{prefix}-DELETE"] = "on"
        for j, level in enumerate(criterion["levels"]):
            label, points = level[:2]
            level_id = level[2] if len(level) > 2 else ""
            data.update(
                {
                    f"{prefix}-levels-{j}-id": str(level_id),
                    f"{prefix}-levels-{j}-ORDER": str(j + 1),
                    f"{prefix}-levels-{j}-label": label,
                    f"{prefix}-levels-{j}-descriptor": f"{label}的描述",
                    f"{prefix}-levels-{j}-points": str(points),
                }
            )
    return data


def as_edited(rubric, change=None):
    """The edit form data of a stored rubric, with ``change(criteria)`` applied."""
    criteria = []
    for criterion in rubric.criteria.order_by("sort_order"):
        levels = list(criterion.levels.order_by("sort_order"))
        criteria.append(
            {
                "id": criterion.pk,
                "title": criterion.title,
                "critical": criterion.critical,
                "minimum": criterion.minimum_level,
                "initial_levels": len(levels),
                "levels": [(level.label, level.points, level.pk) for level in levels],
            }
        )
    if change:
        change(criteria)
    return rubric_data(rubric.title, criteria, initial=len(criteria))


def test_trainers_create_a_rubric_in_the_cms(trainer_client):
    data = rubric_data(
        "新评分标准",
        [
            {
                "title": "原因分析",
                "critical": True,
                "minimum": 2,
                "levels": [("差", 0), ("好", 10)],
            },
            {"title": "沟通", "levels": [("差", 0), ("中", 3), ("好", 5)]},
        ],
    )
    response = trainer_client.post(f"{RUBRICS}add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rubric = Rubric.objects.get(title="新评分标准")
    assert (rubric.version, rubric.is_current) == (1, True)
    assert [c.title for c in rubric.criteria.order_by("sort_order")] == ["原因分析", "沟通"]
    assert rubric.criteria.get(title="原因分析").minimum_level == 2


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([{"title": "甲", "levels": [("好", 5), ("差", 5)]}], "different number of points"),
        ([{"title": "甲", "critical": True, "levels": [("差", 0), ("好", 5)]}], "minimum level"),
        (
            [{"title": "甲", "critical": True, "minimum": 3, "levels": [("差", 0), ("好", 5)]}],
            "cannot be 3",
        ),
        ([{"title": "甲", "levels": [("差", 0)]}], "Please submit at least 2 forms"),
    ],
)
def test_a_rubric_that_cannot_be_scored_is_refused(trainer_client, settings, criteria, message):
    settings.LANGUAGE_CODE = "en"
    response = trainer_client.post(f"{RUBRICS}add/", rubric_data("坏标准", criteria))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rubric.objects.filter(title="坏标准").exists()


def test_an_unused_rubric_is_edited_in_place(trainer_client, rubric):
    def rename(criteria):
        criteria[0]["title"] = "问题定义"

    response = trainer_client.post(f"{RUBRICS}edit/{rubric.pk}/", as_edited(rubric, rename))
    assert response.status_code == 302
    assert Rubric.objects.count() == 1
    assert rubric.criteria.order_by("sort_order").first().title == "问题定义"


def test_editing_a_rubric_in_use_makes_a_new_version(
    trainer_client, single_case, learner, other_learner, trainer
):
    rubric = single_case.rubric
    graded = submitted_report(single_case, learner)
    services.mark_submit(submission=graded, grader=trainer, entry=mark_entry(rubric, 3))
    waiting = submitted_report(single_case, other_learner)
    old_levels = list(
        RubricLevel.objects.filter(criterion__rubric=rubric).values_list("pk", "points")
    )

    page = trainer_client.get(f"{RUBRICS}edit/{rubric.pk}/").content.decode()
    assert "version 2" in page or "版本 2" in page

    def change(criteria):
        criteria[0]["title"] = "问题定义（新）"
        criteria[1]["levels"][3] = ("优秀", Decimal(30), criteria[1]["levels"][3][2])
        criteria[-1]["delete"] = True

    response = trainer_client.post(f"{RUBRICS}edit/{rubric.pk}/", as_edited(rubric, change))
    assert response.status_code == 302
    new = Rubric.objects.get(version=2)
    rubric.refresh_from_db()
    assert new.family == rubric.family and new.is_current and not rubric.is_current
    # The version in use is untouched …
    assert rubric.criteria.count() == 6
    assert (
        list(RubricLevel.objects.filter(criterion__rubric=rubric).values_list("pk", "points"))
        == old_levels
    )
    # … the new one has the edits.
    assert [c.title for c in new.criteria.order_by("sort_order")][0] == "问题定义（新）"
    assert new.criteria.count() == 5
    assert new.criteria.order_by("sort_order")[1].max_points == Decimal(30)
    # The case and the report not yet marked move to the new version; the graded one stays.
    single_case.refresh_from_db()
    assert single_case.rubric == new
    assert CaseSubmission.objects.get(pk=waiting.pk).rubric == new
    assert CaseSubmission.objects.get(pk=graded.pk).rubric == rubric


def test_a_rubric_in_use_cannot_be_deleted(trainer_client, single_case):
    response = trainer_client.post(f"{RUBRICS}delete/{single_case.rubric.pk}/", follow=True)
    assert "不能删除" in response.content.decode()
    assert Rubric.objects.filter(pk=single_case.rubric.pk).exists()


def test_an_unused_rubric_can_be_deleted(trainer_client, rubric):
    response = trainer_client.post(f"{RUBRICS}delete/{rubric.pk}/")
    assert response.status_code == 302
    assert not Rubric.objects.exists()


def draftail(text):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )


def test_trainers_author_a_practice_case(trainer_client, trainer, rubric):
    response = trainer_client.post(
        "/cms/snippets/exams/practicecase/add/",
        {
            "title": "新案例",
            "slug": "new-case",
            "summary": "摘要",
            "customer": "某工厂",
            "scenario": draftail("设备开机后报警。"),
            "product_tags": "XK-850",
            "fault_type_tags": "报警停机, 维修后故障",
            "rubric": str(rubric.pk),
            "pass_mark": "60",
            "resubmissions_allowed": "1",
            "marking": "double",
            "tolerance": "10",
            "blind_marking": "on",
            "live": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = PracticeCase.objects.get(slug="new-case")
    assert case.created_by == trainer
    assert case.is_double_marked and case.blind_marking
    assert "设备开机后报警。" in case.scenario
    assert sorted(t.name for t in case.fault_type_tags.all()) == ["报警停机", "维修后故障"]


def test_learners_have_no_cms(learner_client):
    assert learner_client.get(RUBRICS).status_code in (302, 403)


def test_a_case_with_reports_cannot_be_deleted(trainer_client, single_case, learner):
    submitted_report(single_case, learner)
    url = f"/cms/snippets/exams/practicecase/delete/{single_case.pk}/"
    page = trainer_client.get(url, follow=True).content.decode()
    assert "不能删除" in page and "报警停机" in page
    listing = "/cms/snippets/exams/practicecase/"
    assert trainer_client.post(url).url == listing
    bulk = f"/cms/bulk/cases/practicecase/delete/?id={single_case.pk}"
    assert trainer_client.post(bulk, {"id": [single_case.pk]}).url == listing
    assert PracticeCase.objects.filter(pk=single_case.pk).exists()


# --- Chinese and English ---------------------------------------------------------------------


def with_english(data, rubric):
    """``as_edited`` data plus the rubric's English texts, as the CMS form posts them."""
    data.update(title_en=rubric.title_en, description_en=rubric.description_en)
    for i, criterion in enumerate(rubric.criteria.order_by("sort_order")):
        data[f"criteria-{i}-title_en"] = criterion.title_en
        data[f"criteria-{i}-description_en"] = criterion.description_en
        for j, level in enumerate(criterion.levels.order_by("sort_order")):
            data[f"criteria-{i}-levels-{j}-label_en"] = level.label_en
            data[f"criteria-{i}-levels-{j}-descriptor_en"] = level.descriptor_en
    return data


def test_edit_forms_show_the_chinese_and_english_texts_side_by_side(trainer_client, single_case):
    page = trainer_client.get(f"{RUBRICS}edit/{single_case.rubric.pk}/").content.decode()
    for name in ("title_en", "description_en", "criteria-0-title_en"):
        assert f'name="{name}"' in page
    assert "criteria-0-levels-0-label_en" in page and "criteria-0-levels-0-descriptor_en" in page
    page = trainer_client.get(
        f"/cms/snippets/exams/practicecase/edit/{single_case.pk}/"
    ).content.decode()
    for name in ("title_en", "summary_en", "customer_en", "scenario_en"):
        assert f'name="{name}"' in page


def test_a_new_rubric_version_keeps_the_english_texts(
    trainer_client, single_case, learner, trainer
):
    rubric = translate_rubric(single_case.rubric)
    graded = submitted_report(single_case, learner)
    services.mark_submit(submission=graded, grader=trainer, entry=mark_entry(rubric, 3))

    def rename(criteria):
        criteria[0]["title"] = "问题定义（新）"

    data = with_english(as_edited(rubric, rename), rubric)
    data["criteria-0-title_en"] = "Define the problem (new)"
    response = trainer_client.post(f"{RUBRICS}edit/{rubric.pk}/", data)
    assert response.status_code == 302
    new = Rubric.objects.get(version=2)
    assert (new.title_en, new.description_en) == ("Method rubric", "How reports are marked.")
    criteria = list(new.criteria.order_by("sort_order"))
    assert [c.title_en for c in criteria][:2] == ["Define the problem (new)", "Criterion 2"]
    assert criteria[1].description_en == "What criterion 2 looks at"
    assert [level.label_en for level in criteria[1].ranked_levels] == [
        "Does not meet",
        "Partly meets",
        "Level 3",
        "Level 4",
    ]
    assert criteria[1].ranked_levels[3].descriptor_en == "A report at level 4"


def test_cms_lists_show_what_still_lacks_english(trainer_client, django_assert_max_num_queries):
    translate_rubric(make_rubric(title="已翻译的标准"))
    half = translate_rubric(make_rubric(title="缺英文等级的标准"))
    Rubric.objects.filter(pk=half.pk).update(title_en="Rubric without level English")
    RubricLevel.objects.filter(criterion__rubric=half).update(descriptor_en="")
    make_rubric(title="未翻译的标准")
    with translation.override("en"):
        page = trainer_client.get(RUBRICS, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The English admin lists each rubric by its English title, the untranslated one in Chinese.
    rows = {
        title: page[page.index(title) :].split("</tr>")[0]
        for title in ("Method rubric", "Rubric without level English", "未翻译的标准")
    }
    assert "已翻译的标准" not in page
    assert "Complete" in rows["Method rubric"]
    assert "Missing: levels" in rows["Rubric without level English"]
    assert "Missing: title, criteria, levels" in rows["未翻译的标准"]
    assert "icon-check" in rows["未翻译的标准"] and ">True<" not in page  # current: a tick

    PracticeCaseFactory(
        title="有英文的案例",
        title_en="A case in English",
        summary_en="One line",
        customer_en="A plant",
        scenario_en="<p>An alarm.</p>",
    )
    PracticeCaseFactory(title="只有中文的案例")
    page = trainer_client.get("/cms/snippets/exams/practicecase/").content.decode()
    rows = {
        title: page[page.index(title) :].split("</tr>")[0]
        for title in ("有英文的案例", "只有中文的案例")
    }
    assert "Missing" not in rows["有英文的案例"]  # this list is in the admin's Chinese
    assert "Missing" in rows["只有中文的案例"] or "缺少" in rows["只有中文的案例"]

    for n in range(5):
        make_rubric(title=f"更多标准{n}")
    with django_assert_max_num_queries(40) as first:
        trainer_client.get(RUBRICS)
    make_rubric(title="再多一个")
    with django_assert_max_num_queries(len(first.captured_queries)):
        trainer_client.get(RUBRICS)


def test_products_and_fault_types_get_their_english_names_in_the_cms(trainer_client):
    ProductTag.objects.create(name="立式加工中心", slug="vmc")
    page = trainer_client.get("/cms/snippets/cases/producttag/").content.decode()
    assert "立式加工中心" in page
    tag = ProductTag.objects.get()
    response = trainer_client.post(
        f"/cms/snippets/cases/producttag/edit/{tag.pk}/",
        {"name": "立式加工中心", "name_en": "Vertical machining centre", "slug": "vmc"},
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.name_en == "Vertical machining centre"

"""The demo course teaches the demo assessment scheme as the platform computes it (issue 14).

The weights, indicator names and data sources are read from the demo program's active scheme
version after ``load_demo_data``; the lesson on dimensions must state them in both languages.
The scheme names its components, sources and dimensions by code and its indicators in Chinese,
so the lesson's words for them are listed here, keyed by code: a component, dimension or
indicator added to the scheme fails the test until the lesson teaches it.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from assessment import api as assessment_api
from courses.models import LessonPage

pytestmark = pytest.mark.django_db

COMPONENTS = {
    "exam": {"zh-hans": "认证考试", "en": "Certification exam"},
    "practice": {"zh-hans": "实践案例", "en": "Practice cases"},
    "on_the_job": {"zh-hans": "在岗表现", "en": "On-the-job performance"},
}
DIMENSIONS_EN = {
    "technical_ability": "Technical ability",
    "service_attitude": "Service attitude",
    "teamwork": "Teamwork",
    "work_efficiency": "Work efficiency",
}
INDICATORS_EN = {
    "first_time_fix_rate": "First-time fix rate",
    "repeat_repair_rate": "Repeat repair rate",
    "customer_satisfaction": "Customer satisfaction",
    "complaints": "Valid complaints",
    "peer_teamwork_rating": "Peer teamwork rating",
    "supervisor_rating": "Supervisor rating",
    "response_time_hours": "Mean response time",
    "mean_time_to_repair": "Mean time to repair",
    "work_plan_completion": "Work plan completion rate",
}
SOURCES = {
    "work_records": {"zh-hans": "工作记录", "en": "Work records"},
    "customer_feedback": {"zh-hans": "客户反馈", "en": "Customer feedback"},
    "peer_evaluation": {"zh-hans": "同事评价", "en": "Peer evaluation"},
    "supervisor": {"zh-hans": "主管评价", "en": "Supervisor evaluation"},
}


def percent(weight) -> str:
    return f"{weight.normalize():f}%"


def table_rows(lesson: LessonPage) -> list[list[str]]:
    return [
        [cell or "" for cell in row]
        for block in lesson.body
        if block.block_type == "table"
        for row in block.value["data"]
    ]


def test_the_dimensions_lesson_states_the_demo_schemes_weights_indicators_and_sources():
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    scheme = assessment_api.program_by_code("ASE-L1").active_version.scheme()
    assert set(DIMENSIONS_EN) == {d.code for d in scheme.dimensions}
    assert set(INDICATORS_EN) == set(scheme.indicator_codes)

    chinese = LessonPage.objects.get(
        slug="dimensions-and-indicators", locale__language_code="zh-hans"
    )
    english = chinese.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.live
    for language, lesson in (("zh-hans", chinese), ("en", english)):
        rows = table_rows(lesson)
        for code, labels in COMPONENTS.items():
            row = next((r for r in rows if r[0] == labels[language]), None)
            assert row is not None, (language, code)
            assert percent(scheme.component_weight(code)) in row[1:], (language, code, row)
        for dimension in scheme.dimensions:
            name = dimension.name if language == "zh-hans" else DIMENSIONS_EN[dimension.code]
            taught = [r for r in rows if r[0].startswith(name)]
            assert all(percent(dimension.weight) in r[0] for r in taught), (language, taught)
            names = [
                i.name if language == "zh-hans" else INDICATORS_EN[i.code]
                for i in dimension.indicators
            ]
            assert [r[1] for r in taught] == names, (language, dimension.code)
            for indicator, row in zip(dimension.indicators, taught, strict=True):
                assert row[2] == percent(indicator.weight), (language, indicator.code, row)
                assert row[3] == SOURCES[indicator.source][language], (language, indicator.code)

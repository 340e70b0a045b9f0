"""The cohort table: sorting, summary, histogram, exports and a query count that stays flat."""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import OrgUnit
from tests.assessment.factories import put_metrics
from tests.factories import LearnerFactory
from tests.people.factories import place

pytestmark = pytest.mark.django_db

URL = "/assessment/scorecards/?program=TST-L1&period=2026-Q3"


@pytest.fixture
def cohort(program):
    people = [
        (
            "E3001",
            "甲",
            {"first_time_fix_rate": 95, "repeat_repair_rate": 0, "peer_teamwork_rating": 5},
        ),
        (
            "E3002",
            "乙",
            {"first_time_fix_rate": 60, "repeat_repair_rate": 10, "peer_teamwork_rating": 3},
        ),
        ("E3003", "丙", {"first_time_fix_rate": 88, "repeat_repair_rate": 3}),
        (
            "E3004",
            "=cmd",
            {"first_time_fix_rate": 81, "repeat_repair_rate": 2, "peer_teamwork_rating": 4},
        ),
    ]
    for employee_id, name, values in people:
        put_metrics(LearnerFactory(employee_id=employee_id, display_name=name), **values)


def ids(html):
    return [part.split("<")[0] for part in html.split("/2026-Q3/")[1:] if part[:1] == "E"]


def test_the_table_lists_everyone_with_a_summary_and_a_histogram(assessor_client, cohort):
    html = assessor_client.get(URL).content.decode()
    table = html.split('data-testid="cohort-table"')[1]
    assert [row.split("/")[0] for row in table.split("/scorecards/TST-L1/2026-Q3/")[1:]] == [
        "E3001",
        "E3002",
        "E3003",
        "E3004",
    ]
    summary = html.split('data-testid="cohort-summary"')[1].split("</div>\n  </div>")[0]
    # E3001 100, E3002 teamwork 50 & tech 0 → 25 not certified, E3003 incomplete, E3004 82.14…
    assert "<strong>4</strong>" in summary and "<strong>50.00%</strong>" in summary
    assert "chart-histogram" in html


def test_sorting_by_total_puts_empty_totals_last(assessor_client, cohort):
    html = assessor_client.get(URL + "&sort=-total").content.decode()
    table = html.split('data-testid="cohort-table"')[1]
    order = [row.split("/")[0] for row in table.split("/scorecards/TST-L1/2026-Q3/")[1:]]
    assert order == ["E3001", "E3004", "E3002", "E3003"]
    html = assessor_client.get(URL + "&sort=total").content.decode()
    table = html.split('data-testid="cohort-table"')[1]
    order = [row.split("/")[0] for row in table.split("/scorecards/TST-L1/2026-Q3/")[1:]]
    assert order == ["E3002", "E3004", "E3001", "E3003"]
    assert 'aria-sort="ascending"' in html


def test_an_unknown_sort_falls_back_to_employee_id(assessor_client, cohort):
    assert assessor_client.get(URL + "&sort=;drop").status_code == 200


def test_csv_export_neutralises_formulas(assessor_client, cohort):
    response = assessor_client.get(
        "/assessment/scorecards/export.csv?program=TST-L1&period=2026-Q3"
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["工号", "姓名", "部门"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["E3004"][1] == "'=cmd"
    assert by_id["E3001"][6] == "100.00"
    assert by_id["E3003"][4] == "未完成"


def test_xlsx_export(assessor_client, cohort):
    response = assessor_client.get(
        "/assessment/scorecards/export.xlsx?program=TST-L1&period=2026-Q3&sort=-total"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][0] == "E3001"
    assert [row[1] for row in values[1:]][1] == "'=cmd"
    assert float(values[1][6]) == 100.0


def test_learners_cannot_see_the_cohort(learner_client, cohort):
    assert learner_client.get(URL).status_code == 404
    assert learner_client.get("/assessment/scorecards/export.csv").status_code == 404


def test_no_program_yet(assessor_client, db):
    html = assessor_client.get("/assessment/scorecards/").content.decode()
    assert "还没有认证项目有生效的考核方案" in html


def test_queries_do_not_grow_with_the_cohort(
    assessor_client, program, django_assert_max_num_queries
):
    for n in range(150):
        person = LearnerFactory(employee_id=f"E7{n:03d}")
        put_metrics(
            person,
            first_time_fix_rate=60 + n % 35,
            repeat_repair_rate=n % 10,
            peer_teamwork_rating=3,
        )
    with django_assert_max_num_queries(14):
        response = assessor_client.get(URL + "&sort=-total")
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        assert assessor_client.get(URL + "&page=2").status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            assessor_client.get(
                "/assessment/scorecards/export.csv?program=TST-L1&period=2026-Q3"
            ).status_code
            == 200
        )


@pytest.fixture
def placed(cohort):
    """E3001 and E3002 in 总部/华东/上海, E3003 in 总部/华东/杭州, E3004 in 总部/华北."""
    by_id = {u.employee_id: u for u in get_user_model().objects.filter(employee_id__gt="E3")}
    place(by_id["E3001"], "总部/华东/上海")
    place(by_id["E3002"], "总部/华东/上海")
    place(by_id["E3003"], "总部/华东/杭州")
    place(by_id["E3004"], "总部/华北")
    return {unit.path: unit.pk for unit in OrgUnit.objects.all()}


def shown_ids(html) -> list[str]:
    return re.findall(r"/2026-Q3/(E\d+)/", html.split('data-testid="cohort-table"')[1])


def test_the_unit_filter_keeps_a_unit_and_the_units_below_it(assessor_client, placed):
    html = assessor_client.get(URL, {"unit": placed["总部/华东"]}).content.decode()
    assert shown_ids(html) == ["E3001", "E3002", "E3003"]
    assert "<strong>3</strong>" in html.split('data-testid="cohort-summary"')[1][:200]
    html = assessor_client.get(URL, {"unit": placed["总部/华东/杭州"]}).content.decode()
    assert shown_ids(html) == ["E3003"]
    html = assessor_client.get(URL, {"unit": placed["总部"]}).content.decode()
    assert shown_ids(html) == ["E3001", "E3002", "E3003", "E3004"]
    assert 'translate="no">总部/华东/杭州</option>' in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exports_follow_the_unit_filter(assessor_client, placed, fmt):
    response = assessor_client.get(
        f"/assessment/scorecards/export.{fmt}",
        {"program": "TST-L1", "period": "2026-Q3", "unit": placed["总部/华东/上海"]},
    )
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert [row[0] for row in rows[1:]] == ["E3001", "E3002"]


def test_an_unknown_unit_is_an_error_on_the_page_and_a_404_for_an_export(assessor_client, placed):
    for bad in ("abc", "999999"):
        response = assessor_client.get(URL, {"unit": bad})
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()
        export = "/assessment/scorecards/export.csv?program=TST-L1&period=2026-Q3&unit=" + bad
        assert assessor_client.get(export).status_code == 404


def test_the_unit_filter_keeps_the_query_count_flat(assessor_client, placed):
    counts = []
    assessor_client.get(URL)  # the assessor's header links fill their cache
    for path in ("总部/华东/杭州", "总部"):  # one engineer, four
        with CaptureQueriesContext(connection) as queries:
            assert assessor_client.get(URL, {"unit": placed[path]}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]

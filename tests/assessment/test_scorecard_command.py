"""manage.py scorecard: the JSON shape of issue 6 exactly, and CSV and table output."""

import csv
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from tests.assessment.factories import put_metrics
from tests.factories import LearnerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run(*args):
    out = io.StringIO()
    call_command("scorecard", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def people(program):
    first = LearnerFactory(employee_id="E1001", display_name="王小明")
    put_metrics(first, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4.2)
    second = LearnerFactory(employee_id="E1002", display_name="李娜")
    put_metrics(second, first_time_fix_rate=70, repeat_repair_rate=8)  # no peer rating
    other_period = LearnerFactory(employee_id="E1003")
    put_metrics(other_period, period="2026-Q2", first_time_fix_rate=90)
    return first, second


def test_json_is_exactly_the_documented_shape(people):
    data = json.loads(run("--program", "TST-L1", "--period", "2026-Q3", "--format", "json"))
    assert [d["employee_id"] for d in data] == ["E1001", "E1002"]  # E1003 has no Q3 metric
    assert data[0] == {
        "employee_id": "E1001",
        "name": "王小明",
        "program": "TST-L1",
        "period": "2026-Q3",
        "scheme_version": 1,
        "status": "certified",
        "reasons": [],
        "total": 77.5,
        "grade": "pass",
        "components": {
            "exam": {"weight": 0, "score": None},
            "practice": {"weight": 0, "score": None},
            "on_the_job": {
                "weight": 100,
                "score": 77.5,
                "dimensions": {
                    "technical_ability": {
                        "weight": 50,
                        "score": 75.0,
                        "indicators": {
                            "first_time_fix_rate": {"weight": 50, "value": 88.0, "score": 80.0},
                            "repeat_repair_rate": {"weight": 50, "value": 3.0, "score": 70.0},
                        },
                    },
                    "teamwork": {
                        "weight": 50,
                        "score": 80.0,
                        "indicators": {
                            "peer_teamwork_rating": {"weight": 100, "value": 4.2, "score": 80.0}
                        },
                    },
                },
            },
        },
    }
    assert list(data[0]) == [
        "employee_id",
        "name",
        "program",
        "period",
        "scheme_version",
        "status",
        "reasons",
        "total",
        "grade",
        "components",
    ]


def test_missing_inputs_give_nulls_and_reasons(people):
    (data,) = json.loads(
        run("--program", "TST-L1", "--period", "2026-Q3", "--employee", "E1002", "--format", "json")
    )
    assert data["status"] == "incomplete"
    assert data["total"] is None and data["grade"] is None
    assert data["reasons"] == ["No value for indicator 同事协作评分 in this period."]
    teamwork = data["components"]["on_the_job"]["dimensions"]["teamwork"]
    assert teamwork == {
        "weight": 50,
        "score": None,
        "indicators": {"peer_teamwork_rating": {"weight": 100, "value": None, "score": None}},
    }
    assert data["components"]["on_the_job"]["score"] is None


def test_csv_has_every_figure_and_is_safe_for_spreadsheets(people):
    first, _ = people
    first.display_name = "=HYPERLINK(1)"
    first.save()
    rows = list(
        csv.DictReader(
            io.StringIO(run("--program", "TST-L1", "--period", "2026-Q3", "--format", "csv"))
        )
    )
    assert rows[0]["name"] == "'=HYPERLINK(1)"
    assert rows[0]["total"] == "77.50"
    assert rows[0]["first_time_fix_rate_value"] == "88.0000"
    assert rows[0]["first_time_fix_rate_score"] == "80.00"
    assert rows[1]["status"] == "incomplete" and "同事协作评分" in rows[1]["reasons"]


def test_the_table_is_aligned_and_speaks_words(people):
    """The human table names columns, statuses and grades in words (issue 14); columns are
    two spaces apart at least, so a header of two words stays one column."""
    lines = run("--program", "TST-L1", "--period", "2026-Q3").splitlines()
    assert re.split(r"\s{2,}", lines[0]) == [
        "Employee ID",
        "Name",
        "Status",
        "Grade",
        "Total",
        "Certification exam",
        "Practice cases",
        "On-the-job performance",
        "技术能力",
        "团队协作",
    ]
    assert re.split(r"\s{2,}", lines[1])[:5] == ["E1001", "王小明", "Certified", "Pass", "77.50"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--program", "NOPE", "--period", "2026-Q3"], "No program has the code 'NOPE'"),
        (["--program", "TST-L1", "--period", "2026-Q9"], "is not a period"),
        (["--program", "TST-L1", "--period", "2026", "--employee", "E404"], "No engineer"),
    ],
)
def test_bad_arguments(program, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_the_number_of_queries_does_not_grow_with_the_cohort(
    program, django_assert_max_num_queries
):
    for n in range(40):
        person = LearnerFactory(employee_id=f"E9{n:03d}")
        put_metrics(
            person, first_time_fix_rate=80 + n % 10, repeat_repair_rate=2, peer_teamwork_rating=4
        )
    with django_assert_max_num_queries(6):
        data = json.loads(run("--program", "TST-L1", "--period", "2026-Q3", "--format", "json"))
    assert len(data) == 40

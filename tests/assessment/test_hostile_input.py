"""Generated hostile input at the certification parsers: the metrics API, metrics files (CSV and
XLSX) and their plan, scheme definitions. A 400 with named errors or a list of errors, never an
exception (the test client re-raises what would be a 500)."""

import csv
import io
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from assessment import definition
from assessment.models import MetricRecord
from assessment.services.metrics import metrics_import_file
from assessment.services.tokens import token_create
from tests.factories import LearnerFactory
from tests.hostile import HOSTILE, JSON_BODIES, hostile_text, json_bodies, json_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/api/v1/metrics/"


@pytest.fixture
def key(program):
    LearnerFactory(employee_id="E1001")
    _token, plain = token_create(name="服务台")
    return plain


def push(client, key, body):
    return client.post(
        URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )


def assert_refused_with_messages(response):
    # 415: Django's test client sends an empty body without its Content-Type.
    assert response.status_code in (400, 415)
    errors = response.json()["errors"]
    assert errors and all(isinstance(e["message"], str) and e["message"] for e in errors)


@HOSTILE
@given(json_bodies)
@example(JSON_BODIES[0])  # 100,000 nested brackets
@example(JSON_BODIES[2])  # a 5,000-digit number
def test_the_api_answers_any_body_with_a_400_or_counts(client, key, body):
    response = push(client, key, body)
    if response.status_code == 200:  # "[]" is a valid, empty push
        assert response.json() == {"created": 0, "updated": 0, "unchanged": 0}
    else:
        assert_refused_with_messages(response)


field_values = st.one_of(hostile_text, json_values)
records = st.lists(
    st.fixed_dictionaries(
        {
            "employee_id": st.one_of(st.just("E1001"), field_values),
            "indicator": st.one_of(st.just("first_time_fix_rate"), field_values),
            "period": st.one_of(st.just("2026-Q3"), field_values),
            "value": st.one_of(st.integers(), st.floats(allow_nan=False), field_values),
        },
        optional={"source": field_values, "note": field_values},
    ),
    min_size=1,
    max_size=3,
)


@HOSTILE
@given(records)
@example([{"employee_id": "E1001\x00", "indicator": "x", "period": "2026", "value": 1}])
@example([{"employee_id": "E1001", "indicator": "first_time_fix_rate", "period": "2026-Q3",
           "value": "-0"}])  # fmt: skip
def test_the_api_answers_any_records_with_200_or_a_400(client, key, records):
    response = push(client, key, json.dumps(records))
    if response.status_code == 200:
        assert set(response.json()) == {"created", "updated", "unchanged"}
        assert all(not record.value.is_signed() for record in MetricRecord.objects.all())
    else:
        assert_refused_with_messages(response)


cells = st.one_of(hostile_text, st.sampled_from(["E1001", "first_time_fix_rate", "2026-Q3", "88"]))
HEADER = ["工号", "指标", "周期", "数值", "备注"]


@HOSTILE
@given(st.lists(st.lists(cells, max_size=6), max_size=4), st.sampled_from(["utf-8", "gb18030"]))
def test_a_csv_file_gives_records_or_errors_with_lines(key, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    data = buffer.getvalue().encode(encoding, errors="replace")
    result = metrics_import_file(data=data, filename="m.csv", dry_run=True)
    assert all(e.line >= 1 and e.message for e in result.errors)


@HOSTILE
@given(st.binary(max_size=300), st.sampled_from(["m.csv", "m.xlsx"]))
def test_any_bytes_give_errors_not_a_crash(key, data, filename):
    result = metrics_import_file(data=data, filename=filename, dry_run=True)
    assert all(e.line >= 1 and e.message for e in result.errors)


xlsx_cells = st.one_of(
    hostile_text.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.sampled_from(["=D2*2", "E1001", "first_time_fix_rate", "2026-Q3"]),
    st.none(),
)


@HOSTILE
@given(st.lists(st.lists(xlsx_cells, max_size=5), max_size=4))
def test_an_xlsx_file_gives_records_or_errors(key, rows):
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    result = metrics_import_file(data=buffer.getvalue(), filename="m.xlsx", dry_run=True)
    assert all(e.line >= 1 and e.message for e in result.errors)
    if any(isinstance(c, str) and c.startswith("=") and len(c) > 1 for r in rows for c in r):
        assert any("formulas are not accepted" in e.message for e in result.errors)


@HOSTILE
@given(json_values)
def test_a_scheme_definition_of_any_shape_is_parsed_or_refused(data):
    try:
        definition.parse(data)
    except definition.DefinitionError as refused:
        assert refused.problems

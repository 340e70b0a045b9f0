"""POST /api/v1/metrics/ with an integration token: the same checks, all or nothing."""

import json
from decimal import Decimal

import pytest

from assessment.models import MetricRecord
from assessment.services.tokens import token_create
from tests.factories import LearnerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/api/v1/metrics/"


@pytest.fixture
def key(program):
    LearnerFactory(employee_id="E1001")
    LearnerFactory(employee_id="E1002")
    _token, plain = token_create(name="服务台")
    return plain


def post(client, body, key=None, content_type="application/json"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data, content_type=content_type, HTTP_ACCEPT_LANGUAGE="en", **headers)


RECORDS = [
    {
        "employee_id": "E1001",
        "indicator": "first_time_fix_rate",
        "period": "2026-Q3",
        "value": 92.5,
    },
    {
        "employee_id": "E1002",
        "indicator": "repeat_repair_rate",
        "period": "2026-Q3",
        "value": 2,
        "source": "服务台",
    },
]


def test_a_push_creates_then_updates_and_keeps_history(client, key):
    response = post(client, RECORDS, key)
    assert response.status_code == 200
    assert response.json() == {"created": 2, "updated": 0, "unchanged": 0}
    record = MetricRecord.objects.get(employee__employee_id="E1001")
    assert record.value == Decimal("92.5") and record.updated_via == "API 服务台"
    response = post(client, {"records": [{**RECORDS[0], "value": 93}, RECORDS[1]]}, key)
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 1}
    assert record.history.get().old_value == Decimal("92.5")


def test_one_bad_record_writes_nothing_and_each_error_is_named(client, key):
    bad = [
        RECORDS[0],
        {
            "employee_id": "E404",
            "indicator": "first_time_fix_rate",
            "period": "2026-Q3",
            "value": 1,
        },
        {"employee_id": "E1002", "indicator": "first_time_fix_rate", "period": "Q3", "value": "x"},
        "not an object",
    ]
    response = post(client, bad, key)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"index": 3, "field": "", "message": "each record must be a JSON object"},
    ]
    response = post(client, bad[:3], key)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"index": 1, "field": "employee_id", "message": "unknown employee ID “E404”"},
        {
            "index": 2,
            "field": "period",
            "message": "“Q3” is not a period; use YYYY, YYYY-Qn or YYYY-MM",
        },
        {"index": 2, "field": "value", "message": "“x” is not a number"},
    ]
    assert not MetricRecord.objects.exists()


def test_unknown_fields_are_refused(client, key):
    response = post(client, [{**RECORDS[0], "valeu": 3}], key)
    assert response.json()["errors"] == [
        {"index": 0, "field": "valeu", "message": "unknown field “valeu”"}
    ]


@pytest.mark.parametrize("header", ["", "Bearer wrong", "Basic abc"])
def test_without_a_valid_token(client, key, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(URL, json.dumps(RECORDS), content_type="application/json", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert not MetricRecord.objects.exists()


def test_a_revoked_token(client, key):
    from assessment.models import IntegrationToken

    IntegrationToken.objects.update(is_active=False)
    assert post(client, RECORDS, key).status_code == 401


def test_the_token_is_stored_hashed_and_its_use_recorded(client, key):
    from assessment.models import IntegrationToken

    token = IntegrationToken.objects.get()
    assert key not in (token.key_hash, token.prefix) and token.last_used_at is None
    post(client, RECORDS, key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_bad_requests(client, key):
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 405
    assert post(client, "[", key).status_code == 400
    assert "not valid JSON" in post(client, "[", key).json()["errors"][0]["message"]
    assert (
        post(client, "a=b", key, content_type="application/x-www-form-urlencoded").status_code
        == 415
    )
    assert post(client, {"employee_id": "E1001"}, key).json()["errors"][0]["message"] == (
        "send a JSON list of records"
    )


def test_a_5000_digit_value_is_a_400_not_a_500(client, key):
    """Issue 12, finding 7: Python's int/str digit limit raised ValueError inside json."""
    body = '[{"employee_id": "E1001", "indicator": "first_time_fix_rate", "period": "2026-Q3", '
    body += '"value": ' + "9" * 5000 + "}]"
    response = post(client, body, key)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "the body is not valid JSON: a number has more than 100 characters"
    )
    assert not MetricRecord.objects.exists()


def test_deeply_nested_brackets_are_a_400_not_a_500(client, key):
    """Issue 12, finding 7: 100,000 nested brackets raised RecursionError in json.loads."""
    response = post(client, "[" * 100_000 + "]" * 100_000, key)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "the body is not valid JSON: arrays and objects are nested more than 32 deep"
    )


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(client, key, constant):
    body = json.dumps([{**RECORDS[0], "value": 0}]).replace('"value": 0', f'"value": {constant}')
    response = post(client, body, key)
    assert response.status_code == 400
    assert "is not a number" in response.json()["errors"][0]["message"]


def test_a_body_in_another_encoding_says_where(client, key):
    body = json.dumps([{**RECORDS[0], "note": "华东"}], ensure_ascii=False).encode("gb18030")
    response = post(client, body, key)
    assert response.status_code == 400
    column = body.index("华".encode("gb18030")) + 1
    assert response.json()["errors"][0]["message"] == (
        f"the body is not valid JSON: line 1, column {column}: the text is not UTF-8"
    )


def test_a_control_character_in_a_field_is_named(client, key):
    """PostgreSQL cannot store a NUL: it is refused with its field and place, not a 500."""
    response = post(client, [{**RECORDS[0], "employee_id": "E1001\x00"}], key)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "index": 0,
            "field": "employee_id",
            "message": "the employee_id holds a control character at position 6",
        }
    ]


def test_the_api_needs_no_csrf_token(key):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, RECORDS, key).status_code == 200

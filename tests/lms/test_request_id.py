"""Request ids (lms.request_id) in responses and log lines; JSON logs (decision 0902)."""

import json
import re

import pytest

from tests.lms.django_process import run_site_script

pytestmark = pytest.mark.django_db

HEX32 = re.compile(r"[0-9a-f]{32}")


def test_the_proxys_request_id_is_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="7f3c2a9e4b1d4e0f8a6b5c4d3e2f1a0b")
    assert response["X-Request-ID"] == "7f3c2a9e4b1d4e0f8a6b5c4d3e2f1a0b"


def test_without_one_each_request_gets_its_own(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert HEX32.fullmatch(first) and HEX32.fullmatch(second)
    assert first != second


@pytest.mark.parametrize(
    "offered",
    ["short", "has space in it", 'quote"inside-the-id', "x" * 129, "日志注入-0123456789"],
)
def test_an_id_that_is_not_a_plain_token_is_replaced(client, offered):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=offered)
    assert HEX32.fullmatch(response["X-Request-ID"])


def test_every_log_line_of_a_request_is_json_with_its_id(tmp_path):
    """A real process with LOG_FORMAT=json whose /healthz logs a warning (a cache that is down)
    while it answers."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "import logging; logging.getLogger('outside').warning('no request here');"
        "r = Client().get('/healthz', HTTP_X_REQUEST_ID='req-0123456789abcdef');"
        "print(json.dumps({'status': r.status_code, 'id': r['X-Request-ID']}))"
    )
    result, answer = run_site_script(
        script,
        timeout=120,
        LOG_FORMAT="json",
        PYTHONWARNINGS="ignore",  # Python's warnings are not log records
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        CACHE_URL="redis://127.0.0.1:9/0",  # nothing listens on port 9
    )
    assert answer == {"status": 503, "id": "req-0123456789abcdef"}
    lines = [json.loads(line) for line in result.stderr.strip().splitlines()]
    outside = [line for line in lines if line["logger"] == "outside"]
    assert [line["request_id"] for line in outside] == ["-"]
    during = [line for line in lines if line["logger"] != "outside"]
    assert {line["logger"] for line in during} >= {"lms.health", "django.request"}
    assert {line["request_id"] for line in during} == {"req-0123456789abcdef"}
    health = next(line for line in during if line["logger"] == "lms.health")
    assert health["level"] == "WARNING"
    assert health["message"].startswith("Health check: cache failed")
    assert {"time", "level", "logger", "message", "request_id"} <= set(health)

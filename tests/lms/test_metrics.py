"""/metrics (lms.metrics, decision 0902): who may read it, and what it reports."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from tests.certificates.factories import issued

pytestmark = pytest.mark.django_db

TOKEN = "a-long-random-metrics-token-0123456789"


@task()
def waiting_task() -> None:
    """Queued by the tests below, never run."""


@pytest.fixture
def scraper(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def scrape() -> dict:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.content.decode())
            for sample in family.samples
        }

    return scrape


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_anyone_else_gets_404(client, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong-token").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="192.168.1.5").status_code == 404


def test_an_empty_token_opens_nothing(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_configured_addresses_may_read_without_a_token(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "2001:db8::1"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="11.0.0.1").status_code == 404


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, settings):
    """Decision 0005: what the client wrote into X-Forwarded-For is not believed."""
    settings.PROXY_COUNT = 1
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    proxy = "127.0.0.1"
    allowed = client.get("/metrics", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert allowed.status_code == 200
    spoofed = client.get(
        "/metrics", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.9"
    )
    assert spoofed.status_code == 404


def test_requests_by_view_and_status_latency_and_queries_are_counted(client, scraper):
    before = scraper()
    client.get("/healthz")
    client.get("/healthz")
    after = scraper()
    responses = "django_http_responses_total_by_status_view_method_total"
    labels = {"status": "200", "view": "healthz", "method": "GET"}
    assert value(after, responses, **labels) - value(before, responses, **labels) == 2
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    assert (
        value(after, latency, view="healthz", method="GET")
        - value(before, latency, view="healthz", method="GET")
        == 2
    )
    queries = "django_db_execute_total"
    db = {"alias": "default", "vendor": connection.vendor}
    assert value(after, queries, **db) - value(before, queries, **db) >= 2  # SELECT 1 each


def test_failed_sign_ins_are_counted(client, learner, scraper):
    before = value(scraper(), "lms_logins_failed_total")
    response = client.post(
        "/accounts/login/", {"username": learner.username, "password": "not-the-password"}
    )
    assert response.status_code == 200  # the form again, with its error
    assert value(scraper(), "lms_logins_failed_total") - before == 1


def test_certificates_issued_are_counted(learner, program, scraper):
    before = value(scraper(), "lms_certificates_issued_total")
    issued(learner, program)
    assert value(scraper(), "lms_certificates_issued_total") - before == 1


def test_the_task_queue_depth_and_the_age_of_its_oldest_task(settings, scraper):
    settings.TASKS = {"default": settings.TASK_BACKENDS["database"]}
    empty = scraper()
    assert value(empty, "lms_tasks_queued", queue="default", status="READY") == 0
    assert value(empty, "lms_tasks_oldest_ready_age_seconds", queue="default") == 0
    for _ in range(3):
        waiting_task.enqueue()
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.order_by("enqueued_at")[0].pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=5)
    )
    samples = scraper()
    assert value(samples, "lms_tasks_queued", queue="default", status="READY") == 3
    assert value(samples, "lms_tasks_queued", queue="default", status="RUNNING") == 0
    age = value(samples, "lms_tasks_oldest_ready_age_seconds", queue="default")
    assert 300 <= age < 360

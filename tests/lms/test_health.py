import pytest

from tests.lms.django_process import run_site_script
from tests.redis_server import cache_settings

pytestmark = pytest.mark.django_db

ALL_OK = {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}


def test_healthz_reports_each_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == ALL_OK


def test_healthz_reports_ok_with_the_shared_redis_cache(client, redis_cache):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == ALL_OK


def test_healthz_answers_503_naming_the_cache_when_redis_is_down(
    client, settings, stopped_redis_url
):
    settings.CACHES = cache_settings(stopped_redis_url)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "failed: ConnectionError",
        "storage": "ok",
    }
    assert "127.0.0.1" not in response.content.decode()  # no addresses in the answer


def test_healthz_answers_503_naming_the_storage_when_the_object_store_is_unreachable(
    client, settings
):
    """A real S3 client (django-storages, h-store's part 1) against a port nobody listens on."""
    pytest.importorskip("storages.backends.s3", reason="django-storages comes with part 1")
    from botocore.config import Config

    from tests.redis_server import free_port

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "private",
                "endpoint_url": f"http://127.0.0.1:{free_port()}",
                "access_key": "nobody",
                "secret_key": "nothing-at-all",
                "client_config": Config(connect_timeout=1, retries={"max_attempts": 0}),
            },
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert (body["database"], body["cache"]) == ("ok", "ok")
    assert body["storage"] == "failed: EndpointConnectionError"
    assert "nothing-at-all" not in response.content.decode()


def test_healthz_answers_503_when_the_database_is_unreachable():
    """A real process whose DATABASE_URL points at a port where no PostgreSQL listens."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    _result, answer = run_site_script(
        script, timeout=60, DATABASE_URL="postgres://nobody:nothing@127.0.0.1:9/none"
    )
    assert answer["status"] == 503
    assert answer["body"]["status"] == "error"
    assert answer["body"]["database"] == "failed: OperationalError"

"""Files in an S3-compatible object store (FILE_STORAGE=s3, decision 0900), against a real
SeaweedFS (tests/object_store.py): saving, reading and deleting through both storages, private
files delivered only after the access check (streamed by Django, never a URL to the store), and
an unsigned request for a private object refused by the store itself."""

from __future__ import annotations

import io
import urllib.error
import urllib.request

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.test import Client
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from lms.settings.storage import file_storages, public_media_origin
from tests.certificates.factories import clear_rate_limits, issued  # noqa: F401 (fixture)
from tests.factories import LearnerFactory
from tests.lms.test_settings import PRODUCTION_ENV, run_manage
from tests.object_store import MEDIA_BUCKET, PRIVATE_BUCKET, unreachable_storages

pytestmark = pytest.mark.django_db


def unsigned_get(url: str) -> int:
    """The status of a GET without credentials or signature."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#336699").save(buffer, format="PNG")
    return buffer.getvalue()


# --- Storages ---------------------------------------------------------------------------------


def test_files_are_saved_read_and_deleted_in_the_private_bucket(s3_storages, object_store):
    for alias, folder in (("private", "private"), ("default", "media")):
        storage = storages[alias]
        name = storage.save("reports/日志 #1.txt", ContentFile(b"E-1042 spindle overload\n"))
        assert storage.exists(name)
        with storage.open(name, "rb") as handle:
            assert handle.read() == b"E-1042 spindle overload\n"
        # Saving the same name again keeps the first file: Django picks a free name.
        second = storage.save("reports/日志 #1.txt", ContentFile(b"other"))
        assert second != name
        assert object_store.keys(PRIVATE_BUCKET, f"{s3_storages}/{folder}/") == sorted(
            [f"{s3_storages}/{folder}/{name}", f"{s3_storages}/{folder}/{second}"]
        )
        storage.delete(name)
        storage.delete(second)
        assert not storage.exists(name)
        assert object_store.keys(PRIVATE_BUCKET, f"{s3_storages}/{folder}/") == []
    assert object_store.keys(MEDIA_BUCKET, f"{s3_storages}/") == []


def test_an_unsigned_get_of_a_private_object_is_refused(s3_storages, object_store):
    name = storages["private"].save("certificates/x.pdf", ContentFile(b"%PDF-1.7 secret"))
    key = f"{s3_storages}/private/{name}"
    assert unsigned_get(f"{object_store.endpoint_url}/{PRIVATE_BUCKET}/{key}") == 403
    # The object is there: the application's credentials read it.
    body = object_store.client().get_object(Bucket=PRIVATE_BUCKET, Key=key)["Body"].read()
    assert body == b"%PDF-1.7 secret"


def test_image_renditions_are_public_and_original_images_are_not(s3_storages, object_store):
    image = get_image_model().objects.create(
        title="主轴", file=ImageFile(io.BytesIO(png()), name="spindle.png")
    )
    rendition = image.get_rendition("width-20")
    assert rendition.url.startswith(f"{object_store.endpoint_url}/{MEDIA_BUCKET}/{s3_storages}/")
    assert unsigned_get(rendition.url) == 200
    assert object_store.keys(MEDIA_BUCKET, f"{s3_storages}/") == [
        f"{s3_storages}/{rendition.file.name}"
    ]
    original = f"{s3_storages}/media/{image.file.name}"
    assert object_store.keys(PRIVATE_BUCKET, original) == [original]
    assert unsigned_get(f"{object_store.endpoint_url}/{PRIVATE_BUCKET}/{original}") == 403


# --- Private delivery through the access check --------------------------------------------------


def test_a_certificate_pdf_is_streamed_to_its_holder_only(s3_storages, learner, program, settings):
    certificate = issued(learner, program)
    holder = Client()
    holder.force_login(learner)
    url = f"/certificates/{certificate.serial}.pdf"
    for accel in ("", "/protected/"):
        # Behind nginx too: an object has no local file for X-Accel-Redirect, so Django streams.
        settings.PRIVATE_FILES_ACCEL_REDIRECT = accel
        response = holder.get(url)
        assert response.status_code == 200 and "X-Accel-Redirect" not in response
        assert "Location" not in response
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == certificate.read_pdf()
    stranger = Client()
    stranger.force_login(LearnerFactory(employee_id="E2002"))
    assert stranger.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the sign-in page


def test_a_pdf_missing_from_the_store_is_a_404(s3_storages, learner, program):
    certificate = issued(learner, program)
    storages["private"].delete(certificate.pdf.name)
    holder = Client()
    holder.force_login(learner)
    assert holder.get(f"/certificates/{certificate.serial}.pdf").status_code == 404


def test_a_wagtail_document_in_the_store_needs_a_login(s3_storages, learner):
    document = get_document_model().objects.create(
        title="Manual",
        file=ContentFile(b"spindle manual", name="manual.txt"),
        collection=Collection.get_first_root_node(),
    )
    url = document.url
    assert Client().get(url).status_code == 302
    reader = Client()
    reader.force_login(learner)
    response = reader.get(url)
    assert response.status_code == 200 and "Location" not in response
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"spindle manual"


# --- Settings -----------------------------------------------------------------------------------

S3_ENV = {
    "FILE_STORAGE": "s3",
    "S3_ENDPOINT_URL": "https://oss-cn-shanghai.aliyuncs.com",
    "S3_REGION": "cn-shanghai",
    "S3_ACCESS_KEY_ID": "LTAI5tExample",
    "S3_SECRET_ACCESS_KEY": "example-secret",
    "S3_PRIVATE_BUCKET": "academy-private",
    "S3_MEDIA_BUCKET": "academy-media",
}


def storages_from(monkeypatch, variables: dict) -> dict:
    """STORAGES as base.py builds it from these environment variables."""
    for key, value in variables.items():
        monkeypatch.setenv(key, value)
    return file_storages(environ.Env(), "/unused")


def test_the_environment_selects_the_object_store(monkeypatch):
    result = storages_from(monkeypatch, S3_ENV | {"S3_ADDRESSING_STYLE": "virtual"})
    private = result["private"]["OPTIONS"]
    assert result["private"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert private["bucket_name"] == "academy-private" and private["location"] == "private"
    assert result["default"]["OPTIONS"]["location"] == "media"
    assert result["renditions"]["OPTIONS"]["bucket_name"] == "academy-media"
    assert result["renditions"]["OPTIONS"]["querystring_auth"] is False
    assert public_media_origin(result) == "https://academy-media.oss-cn-shanghai.aliyuncs.com"
    custom = storages_from(
        monkeypatch, S3_ENV | {"S3_MEDIA_URL": "https://media.academy.example.com/"}
    )
    assert public_media_origin(custom) == "https://media.academy.example.com"
    shared = storages_from(monkeypatch, S3_ENV | {"S3_PREFIX": "drill-2026q4"})
    assert shared["private"]["OPTIONS"]["location"] == "drill-2026q4/private"
    assert shared["default"]["OPTIONS"]["location"] == "drill-2026q4/media"
    assert shared["renditions"]["OPTIONS"]["location"] == "drill-2026q4"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"FILE_STORAGE": "ftp"}, "FILE_STORAGE must be local or s3"),
        ({"S3_ADDRESSING_STYLE": "dns"}, "S3_ADDRESSING_STYLE must be path or virtual"),
        ({"S3_PRIVATE_BUCKET": ""}, "needs S3_PRIVATE_BUCKET"),
        ({"S3_MEDIA_BUCKET": "academy-private"}, "must differ"),
        ({"S3_MEDIA_URL": "media.example.com"}, r"S3_MEDIA_URL must be an http\(s\) URL"),
    ],
)
def test_bad_storage_settings_are_refused_with_a_clear_error(monkeypatch, change, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        storages_from(monkeypatch, S3_ENV | change)


def test_deploy_check_is_clean_with_the_object_store():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV | S3_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- The store does not answer ------------------------------------------------------------------


def test_when_the_store_is_unreachable_downloads_say_so_and_other_pages_work(
    s3_storages, learner, program, settings
):
    certificate = issued(learner, program)
    settings.STORAGES = {**settings.STORAGES, **unreachable_storages(s3_storages)}
    holder = Client()
    holder.force_login(learner)
    response = holder.get(f"/certificates/{certificate.serial}.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "The file store does not answer" in response.content.decode()
    page = holder.get("/certificates/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and certificate.serial in page.content.decode()

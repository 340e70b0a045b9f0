"""Files that need a login have no public URL (issue 12, finding 4).

The URL configuration under test is the one ``make run`` uses (DEBUG on: lms/urls.py adds its
media serving then). Anonymous requests for a stored file answer 200 only for the public image
renditions; everything else is a redirect to the login page, a 403 or a 404.
"""

import importlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.urls import clear_url_caches, reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cases.models import CaseAttachment
from certificates.models import Certificate
from courses.setup import course_collection
from lms import private_files
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def reload_urls():
    import lms.urls

    importlib.reload(lms.urls)
    clear_url_caches()


@pytest.fixture
def roots(settings, tmp_path):
    """Empty media and private roots for the files the test writes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.MEDIA_ROOT},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
    return settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def dev_urls(settings):
    """lms.urls as ``make run`` builds it, with DEBUG on."""
    settings.DEBUG = True
    reload_urls()
    yield settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT
    settings.DEBUG = False
    reload_urls()


@pytest.fixture
def dev_urls_in_roots(roots, dev_urls):
    """The same, serving the empty roots of ``roots``."""
    return roots


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def refused(response) -> bool:
    """A 404, a 403, or a redirect to the login page."""
    if response.status_code == 302:
        return response["Location"].startswith(LOGIN)
    return response.status_code in (403, 404)


def document(title: str, filename: str, collection=None):
    Document = get_document_model()
    doc = Document(title=title, collection=collection or Collection.get_first_root_node())
    doc.file.save(filename, ContentFile(b"2026-07-01 08:00 E-1042 spindle overload\n"), save=False)
    doc.save()
    return doc


def test_anonymous_visitors_reach_no_file_of_the_demo_but_public_renditions(dev_urls, client):
    """Every file under the media and private roots after the demo loads (as in ``make run``),
    at every URL it could have: only the image renditions (MEDIA_ROOT/images/) are public."""
    media_root, private_root = (Path(root) for root in dev_urls)
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    Image = get_image_model()
    for image in Image.objects.all():  # the renditions a page shows
        image.get_rendition("width-400")

    urls = {f"/media/{name}" for name in files_under(media_root) + files_under(private_root)}
    urls |= {doc.url for doc in get_document_model().objects.all()}
    urls |= {image.file.url for image in Image.objects.all()}
    urls |= {
        reverse("cases:case_attachment", args=[pk])
        for pk in CaseAttachment.objects.values_list("pk", flat=True)
    }
    urls |= {
        reverse("certificates:certificate_download", args=[serial])
        for serial in Certificate.objects.values_list("serial", flat=True)
    }
    # The walk covers every kind of file the demo writes.
    for folder in ("documents/", "original_images/", "images/"):
        assert any(name.startswith(folder) for name in files_under(media_root)), folder
    for folder in ("certificates/", "cases/", "branding/"):
        assert any(name.startswith(folder) for name in files_under(private_root)), folder
    assert any(url.startswith("/documents/") for url in urls)

    answered = {}
    for url in sorted(urls):
        response = client.get(url)
        if url.startswith("/media/images/"):
            assert response.status_code == 200, url  # a public rendition
        elif not refused(response):
            answered[url] = response.status_code
    assert answered == {}


def test_course_documents_are_not_served_from_media(dev_urls_in_roots, client):
    doc = document("接线图", "wiring.pdf", collection=course_collection())
    assert client.get(f"/media/{doc.file.name}").status_code == 404
    learner = LearnerFactory()
    client.force_login(learner)
    assert client.get(f"/media/{doc.file.name}").status_code == 404
    assert client.get(doc.url).status_code == 200  # through Wagtail's checked view


def test_case_logs_need_a_login_and_open_for_a_learner(dev_urls_in_roots, client):
    """The demo's case logs are in the root collection, which needs a login."""
    doc = document("演示日志：case-alarm-after-repair", "case-alarm-after-repair.log")
    response = client.get(doc.url)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get(f"/media/{doc.file.name}").status_code == 404

    client.force_login(LearnerFactory())
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"2026-07-01")
    assert response["Cache-Control"] == "private, no-store"  # no shared cache keeps it


def test_the_demo_signature_has_no_public_url(dev_urls_in_roots, client):
    media_root, private_root = dev_urls_in_roots
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    signature = (Path(settings.BASE_DIR) / "certificates/demo_assets/signature.png").read_bytes()
    assert client.get("/media/original_images/signature.png").status_code == 404
    # Neither the signature nor any picture made from it is under the media root.
    assert not [n for n in files_under(media_root) if "signature" in n or n.startswith("images/si")]
    assert signature not in {(media_root / n).read_bytes() for n in files_under(media_root)}
    assert signature in {(private_root / n).read_bytes() for n in files_under(private_root)}


# --- Sending a private file ------------------------------------------------------------------


def test_without_the_setting_django_sends_the_file(roots, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = ""
    doc = document("日志", "a.log")
    response = private_files.send_private_file(
        doc.file, content_type="text/plain", filename="日志.log"
    )
    assert b"".join(response.streaming_content).startswith(b"2026-07-01")
    assert "X-Accel-Redirect" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_with_the_setting_the_proxy_sends_the_file(roots, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/protected/"
    attachment = private_files.private_storage().save("cases/ab/报告 1.pdf", ContentFile(b"%PDF-"))
    stored = FieldFile(None, CaseAttachment._meta.get_field("file"), attachment)
    response = private_files.send_private_file(
        stored, content_type="application/pdf", filename="报告.pdf"
    )
    assert response.content == b""
    assert response["X-Accel-Redirect"] == (
        "/protected/private/cases/ab/%E6%8A%A5%E5%91%8A%201.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_wagtail_documents_go_through_the_proxy_after_the_access_check(roots, settings, client):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/protected/"
    doc = document("日志", "b.log")
    assert client.get(doc.url).status_code == 302  # no login, no redirect to the file
    client.force_login(LearnerFactory())
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/media/{doc.file.name}"
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_file_is_a_404_not_a_500(roots, settings, learner_client):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = ""
    stored = FieldFile(None, CaseAttachment._meta.get_field("file"), "cases/00/gone.pdf")
    with pytest.raises(Http404):
        private_files.send_private_file(stored, content_type="application/pdf", filename="x.pdf")


def test_a_file_outside_the_storage_roots_is_refused(roots, settings, tmp_path):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/protected/"
    with pytest.raises(ValueError):
        private_files.accel_redirect_url(tmp_path / "elsewhere" / "x.pdf")
    with pytest.raises(ValueError):
        private_files.accel_redirect_url(roots[1] / ".." / "secret_key")

"""The nginx configuration of the deployment guide, run by a real nginx (issue 12, finding 4).

deploy/nginx/academy.conf is started with Debian's nginx (``/usr/sbin/nginx``) on a free
loopback port, over TLS with a throwaway certificate, in front of the site running in a thread
(Django's live server, less the media files it would serve) with
``PRIVATE_FILES_ACCEL_REDIRECT=/protected/``. Only the values the file marks ``# <-`` are
replaced. Every request goes through nginx, as a browser's would.
"""

from __future__ import annotations

import grp
import io
import os
import pwd
import re
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from pytest_django.live_server_helper import LiveServer
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cases import services as case_services
from tests.assessment.factories import make_program
from tests.cases.factories import PracticeCaseFactory, make_rubric
from tests.cases.upload_samples import pdf_bytes, png_bytes
from tests.certificates.factories import issued
from tests.factories import LearnerFactory

NGINX = Path("/usr/sbin/nginx")
OPENSSL = Path("/usr/bin/openssl")  # the throwaway certificate
SITE = Path(settings.BASE_DIR) / "deploy" / "nginx" / "academy.conf"
GUIDE = Path(settings.BASE_DIR) / "docs" / "deployment.md"
LOGIN = "/accounts/login/"
STARTUP_TIMEOUT = 10  # seconds

needs_nginx = pytest.mark.skipif(
    not (NGINX.exists() and OPENSSL.exists()),
    reason="Debian's nginx or openssl is not installed (scripts/system-packages.sh --test "
    "installs them)",
)
# The live server reads what the test writes, so the data is committed; the migrations' data
# (the root collection and its login restriction) is put back for each test.
live_database = pytest.mark.django_db(transaction=True)


@pytest.fixture
def documents_need_a_login():
    """What migration lms/0003 gives every site: a login restriction on the root collection.
    Made here because an earlier transactional test may have emptied the database."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    CollectionViewRestriction.objects.get_or_create(
        collection=root, restriction_type=CollectionViewRestriction.LOGIN
    )


def test_the_deployment_guide_shows_the_configuration_file_as_it_is():
    blocks = re.findall(r"```nginx\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert blocks == [SITE.read_text(encoding="utf-8")]
    assert "deploy/nginx/academy.conf" in GUIDE.read_text(encoding="utf-8")


# --- nginx in front of the live server -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_configuration(
    *, port, certificate, key, media_root, private_root, upstream, second_upstream=None
) -> str:
    """academy.conf with the values it marks replaced; each must be there. Both app servers of
    the upstream are ``upstream`` unless ``second_upstream`` names the second."""
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        "/etc/ssl/certs/academy.example.com.pem": str(certificate),
        "/etc/ssl/private/academy.example.com.key": str(key),
        "/srv/academy/var/media/": f"{media_root}/",  # also MEDIA_ROOT/images/
        "/srv/academy/var/private/": f"{private_root}/",
        "10.0.0.11:8000": upstream.removeprefix("http://"),
        "10.0.0.12:8000": (second_upstream or upstream).removeprefix("http://"),
    }
    for production, test_value in replacements.items():
        assert production in text, f"{SITE} no longer has {production!r}"
        text = text.replace(production, test_value)
    assert "/srv/academy" not in text
    return text


def main_configuration(*, folder: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives the site, with every path in ``folder``."""
    # As root, nginx's workers would become `nobody`, who cannot read the test's folders.
    user = ""
    if os.geteuid() == 0:
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    return f"""
{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log notice;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
"""


@pytest.fixture
def roots(settings):
    """The test run's media and private roots (lms.settings.test: temporary folders); Django
    hands the files to nginx (X-Accel-Redirect)."""
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/protected/"
    return Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


class Proxy:
    """Requests to the site through nginx; ``session`` is a signed-in user's session key."""

    def __init__(self, url: str, certificate: Path):
        self.url, self.certificate = url, certificate

    def get(self, path: str, *, session: str | None = None) -> requests.Response:
        cookies = {settings.SESSION_COOKIE_NAME: session} if session else {}
        return requests.get(
            f"{self.url}{path}",
            cookies=cookies,
            verify=str(self.certificate),
            allow_redirects=False,
            timeout=10,
        )


def bare_application(media_files_handler):
    """Django's live server wraps the site in a handler that serves MEDIA_ROOT; gunicorn does
    not, and neither may the test: what of MEDIA_ROOT is public is nginx's decision alone."""
    return media_files_handler.application


@pytest.fixture
def app_server():
    """The site as gunicorn runs it (``lms.wsgi``), in a thread: Django's live server without
    its media files."""
    server = LiveServer("127.0.0.1:0", start=False)
    server.thread.static_handler = bare_application
    server.start()
    yield server
    server.stop()


@pytest.fixture
def nginx(app_server, roots, tmp_path, documents_need_a_login):
    yield from running_nginx(app_server, roots, tmp_path)


@pytest.fixture
def nginx_first_server_down(app_server, roots, tmp_path, documents_need_a_login):
    """nginx whose first app server is gone (nothing listens on its port), the second the site."""
    yield from running_nginx(app_server, roots, tmp_path, first_server_down=True)


def running_nginx(app_server, roots, tmp_path, *, first_server_down=False):
    media_root, private_root = roots
    folder = tmp_path / "nginx"
    folder.mkdir()
    certificate, key = folder / "site.pem", folder / "site.key"
    subprocess.run(  # noqa: S603
        [
            str(OPENSSL), "req", "-x509", "-nodes", "-days", "1",
            "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )  # fmt: skip
    port = free_port()
    # A free port nobody listens on stands for an app server that died.
    first_port = free_port() if first_server_down else app_server.thread.port
    site = folder / "academy.conf"
    site.write_text(
        site_configuration(
            port=port,
            certificate=certificate,
            key=key,
            media_root=media_root,
            private_root=private_root,
            upstream=f"http://127.0.0.1:{first_port}",
            second_upstream=f"http://127.0.0.1:{app_server.thread.port}",
        ),
        encoding="utf-8",
    )
    main = folder / "nginx.conf"
    main.write_text(main_configuration(folder=folder, site=site), encoding="utf-8")
    error_log = folder / "error.log"
    process = subprocess.Popen(  # noqa: S603
        [str(NGINX), "-p", str(folder), "-c", str(main), "-e", str(error_log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if process.poll() is not None:
                log = error_log.read_text() if error_log.exists() else ""
                pytest.fail(f"nginx stopped: {process.stderr.read().decode()}{log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"nginx did not listen within {STARTUP_TIMEOUT} s")
                time.sleep(0.05)
        yield Proxy(f"https://127.0.0.1:{port}", certificate)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()


@needs_nginx
@live_database
def test_requests_go_to_the_other_app_server_when_one_is_down(nginx_first_server_down):
    """The fault of `make load SERVERS=2` in small: a connection refused by app server 1 sends
    a GET and a POST (not yet sent to any server, so safe) to app server 2, never a 502."""
    for _ in range(3):  # nginx takes the servers in turn: each server is first at least once
        assert nginx_first_server_down.get("/healthz").status_code == 200
        refused = requests.post(  # no CSRF token: Django's own refusal, so Django answered
            f"{nginx_first_server_down.url}/quizzes/any/start/",
            verify=str(nginx_first_server_down.certificate),
            allow_redirects=False,
            timeout=10,
        )
        assert refused.status_code in (302, 403)


def session_of(client, user) -> str:
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def root_collection():
    return Collection.get_first_root_node()


def wagtail_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (80, 60), "#c03030").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="主轴", file=ImageFile(buffer, name="spindle.png"), collection=root_collection()
    )


def wagtail_document(filename: str, data: bytes):
    document = get_document_model()(title="故障日志", collection=root_collection())
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def case_attachment(learner, name: str, data: bytes):
    case = PracticeCaseFactory(slug="case-nginx", title="报警停机", rubric=make_rubric())
    draft = case_services.report_open_draft(case=case, learner=learner)
    return case_services.attachment_add(submission=draft, upload=SimpleUploadedFile(name, data))


def refused_without_bytes(response, data: bytes) -> bool:
    """A 404, or a redirect to the login page; never any of the file's bytes."""
    if data in response.content:
        return False
    if response.status_code == 302:
        return response.headers["Location"].startswith(LOGIN)
    return response.status_code == 404


# --- What anyone can reach ---------------------------------------------------------------------


@needs_nginx
@live_database
def test_anonymous_visitors_get_the_renditions_and_nothing_else(nginx):
    image = wagtail_image()
    rendition = image.get_rendition("width-40")
    original = Path(image.file.path).read_bytes()
    document = wagtail_document("wiring.pdf", b"%PDF-1.4 wiring diagram")
    certificate_pdf = b"%PDF-1.7 a certificate"
    private_name = f"certificates/TST/{uuid.uuid4().hex}.pdf"
    (Path(settings.PRIVATE_MEDIA_ROOT) / private_name).parent.mkdir(parents=True, exist_ok=True)
    (Path(settings.PRIVATE_MEDIA_ROOT) / private_name).write_bytes(certificate_pdf)

    response = nginx.get(rendition.url)
    assert response.status_code == 200
    assert response.content == Path(rendition.file.path).read_bytes()
    assert response.headers["Cache-Control"] == "max-age=2592000"  # expires 30d

    secrets = {
        f"/media/{image.file.name}": original,
        f"/media/{document.file.name}": b"wiring diagram",
        f"/media/images/../{document.file.name}": b"wiring diagram",
        f"/media/images/%2e%2e/{document.file.name}": b"wiring diagram",
        f"/media/{private_name}": certificate_pdf,
        f"/protected/media/{document.file.name}": b"wiring diagram",
        f"/protected/media/{image.file.name}": original,
        f"/protected/private/{private_name}": certificate_pdf,
        f"/protected/media/images/{Path(rendition.file.name).name}": b"PNG",
    }
    answers = {url: nginx.get(url) for url in secrets}
    assert {url: r.status_code for url, r in answers.items()} == dict.fromkeys(secrets, 404)
    assert not [url for url, r in answers.items() if secrets[url] in r.content]


# --- Files that need a login, sent by nginx once Django has checked -----------------------------


def assert_sent(response, data: bytes, *, content_type: str, disposition: str):
    assert response.status_code == 200
    assert response.content == data
    assert "X-Accel-Redirect" not in response.headers
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"] == disposition
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@needs_nginx
@live_database
def test_a_learner_downloads_their_case_attachment_and_nobody_else_can(nginx, client):
    learner, stranger = LearnerFactory(), LearnerFactory()
    attachment = case_attachment(learner, "报警画面.png", png_bytes())
    url = f"/case-attachments/{attachment.pk}/"

    response = nginx.get(url, session=session_of(client, learner))
    assert_sent(
        response,
        png_bytes(),
        content_type="image/png",
        disposition="inline; filename*=utf-8''%E6%8A%A5%E8%AD%A6%E7%94%BB%E9%9D%A2.png",
    )
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"

    assert refused_without_bytes(nginx.get(url, session=session_of(client, stranger)), png_bytes())
    assert refused_without_bytes(nginx.get(url), png_bytes())


@needs_nginx
@live_database
def test_a_holder_downloads_their_certificate_and_nobody_else_can(nginx, client):
    holder, stranger = LearnerFactory(), LearnerFactory()
    certificate = issued(holder, make_program()[0])
    data = certificate.read_pdf()
    url = f"/certificates/{certificate.serial}.pdf"

    response = nginx.get(url, session=session_of(client, holder))
    assert_sent(
        response,
        data,
        content_type="application/pdf",
        disposition=f'attachment; filename="{certificate.serial}.pdf"',
    )
    assert refused_without_bytes(nginx.get(url, session=session_of(client, stranger)), data)
    assert refused_without_bytes(nginx.get(url), data)


@needs_nginx
@live_database
def test_a_signed_in_user_downloads_a_document_with_a_chinese_name(nginx, client):
    data = b"%PDF-1.4 2026-07-01 08:00 E-1042 spindle overload"
    document = wagtail_document("故障日志.pdf", data)
    assert document.file.name == "documents/故障日志.pdf"

    response = nginx.get(document.url, session=session_of(client, LearnerFactory()))
    assert_sent(
        response,
        data,
        content_type="application/pdf",
        disposition='attachment; filename="GuZhangRiZhi.pdf"; '
        "filename*=UTF-8''%E6%95%85%E9%9A%9C%E6%97%A5%E5%BF%97.pdf",
    )
    # An uploaded PDF is a download in a sandbox (lms.middleware, decision 0007), through nginx
    # as without it.
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"

    assert refused_without_bytes(nginx.get(document.url), data)
    assert refused_without_bytes(nginx.get(f"/media/{document.file.name}"), data)


@needs_nginx
@live_database
@pytest.mark.parametrize("name", ["故障 日志.pdf", "报告 #2 100%?.pdf", "a+b;c=d&e.pdf"])
def test_a_stored_file_of_any_name_reaches_its_owner(nginx, client, name):
    """Uploads get cleaned names, but the storage can hold others; X-Accel-Redirect names them
    percent-encoded and nginx finds the file."""
    learner = LearnerFactory()
    attachment = case_attachment(learner, "报告.pdf", pdf_bytes())
    data = pdf_bytes() + name.encode()
    attachment.file.name = attachment.file.storage.save(f"cases/nginx/{name}", ContentFile(data))
    attachment.save()
    assert attachment.file.name == f"cases/nginx/{name}"

    response = nginx.get(f"/case-attachments/{attachment.pk}/", session=session_of(client, learner))
    assert response.status_code == 200
    assert response.content == data

"""Fixtures shared by the whole suite."""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import Error as PlaywrightError

from tests.assessment.factories import make_program
from tests.factories import (
    PASSWORD,
    AdministratorFactory,
    AssessorFactory,
    LearnerFactory,
    TrainerFactory,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Servers started once per session when a test asks: the directory (slapd) of the LDAP sign-in
# tests, the OpenID Connect provider process of the sign-on tests (tests/oidc_provider/), the
# object store (SeaweedFS) of the storage tests (tests/object_store.py), Redis of the
# shared-cache tests (tests/redis_server.py).
pytest_plugins = [
    "tests.ldap_server",
    "tests.oidc_provider.fixture",
    "tests.object_store",
    "tests.redis_server",
]

CHROMIUM = "/usr/bin/chromium"

# Property tests (tests/hostile.py) explore new random input on a developer's machine; CI runs
# them derandomized, so a run is reproducible and a landing never depends on the luck of a draw.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language (Chinese): a request in English leaves
    English active in the thread, and what a later test renders must not depend on the order."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_caches():
    """What an earlier test left in the cache is not this test's: its database was rolled back,
    and ids are used again (a person's roles, links and unread count, a page's structure;
    decisions 0904, 0905). The cache is this process's local memory (the Redis tests empty
    their own). Nor are Wagtail's site root paths: a site an earlier test added was rolled
    back without the signal that forgets them (pages would get absolute URLs, as with several
    sites)."""
    from django.core.cache import cache
    from wagtail.models import Site

    cache.clear()  # the page cache's tree version with it: a new one is made on first use
    Site.clear_site_root_paths_cache()


@pytest.fixture(scope="session", autouse=True)
def url_patterns():
    """Load the URLconf once under the test settings, before any test changes them: a test
    that turns DEBUG on (the demo loaders) must not leave the development-only routes in
    every later test's URLconf."""
    from django.urls import get_resolver

    return get_resolver().url_patterns


@pytest.fixture(scope="session", autouse=True)
def certificate_fonts():
    """The certificate font's common cut, as every deployment has it (nothing to do when
    `make` has built it; about 20 s otherwise)."""
    from django.conf import settings

    from certificates import fonts

    fonts.build()
    return settings.CERTIFICATE_FONTS_DIR


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def learner(db):
    return LearnerFactory(username="learner", display_name="王小明", employee_id="E1001")


@pytest.fixture
def trainer(db):
    return TrainerFactory(username="trainer", display_name="李培训")


@pytest.fixture
def assessor(db):
    return AssessorFactory(username="assessor", display_name="张考核")


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="admin", display_name="系统管理员")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def assessor_client(client, assessor):
    client.force_login(assessor)
    return client


# --- Browser journeys: Playwright driving Debian's chromium --------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def page(page):
    """Playwright's page, which at the end of a test waits for the requests it still has in
    flight (the CMS editor fetches in the background) before the test database is flushed:
    a request writing its session during the flush locked SQLite's table ("database table is
    locked: django_session") under load."""
    yield page
    try:
        page.wait_for_load_state("networkidle", timeout=5_000)
        page.goto("about:blank")
    except PlaywrightError:
        pass  # a test that closed its page or crashed it: nothing is in flight any more


@pytest.fixture
def login(live_server, page):
    """Sign a user in through the real login form; returns the page on the dashboard."""

    def _login(user, password=PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator("input[name=username]").fill(user.username)
        page.locator("input[name=password]").fill(password)
        page.get_by_test_id("login-submit").click()
        page.wait_for_load_state("domcontentloaded")
        return page

    return _login


# --- Files, PDFs and the assessment ---------------------------------------------------------


@dataclass
class PdfFile:
    """A PDF written to disk, inspected with poppler-utils."""

    path: Path

    def run(self, tool: str, *args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [tool, *args, str(self.path)], capture_output=True, text=True, check=True
        )
        return result.stdout

    def text(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603
            ["pdftotext", *args, str(self.path), "-"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def info(self, *args: str) -> dict[str, str]:
        lines = self.run("pdfinfo", *args).splitlines()
        return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


@pytest.fixture
def pdf_file(tmp_path):
    """Write PDF bytes to a file and return a PdfFile to inspect them."""

    def write(data: bytes, name: str = "certificate.pdf") -> PdfFile:
        path = tmp_path / name
        path.write_bytes(data)
        return PdfFile(path)

    return write


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded images and their renditions go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def private_files(settings, tmp_path):
    """Uploaded files go to a temporary directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def private_root(private_files):
    """The temporary private storage (the branding's images, through lms.private_files)."""
    return private_files


@pytest.fixture
def program(db):
    return make_program()[0]


@pytest.fixture
def version(program):
    return program.active_version


@pytest.fixture
def english():
    """Messages in English, for tests that compare them."""
    with translation.override("en"):
        yield


def pytest_make_parametrize_id(config, val, argname):
    """Binary samples in test ids are named by their argument, not their bytes: files made at
    collection (a workbook carries the time it was written) would give each pytest-xdist worker
    other ids, and the workers must collect the same tests."""
    if isinstance(val, bytes | bytearray) and len(val) > 64:
        return argname
    return None

"""Fixtures for the certificates tests: a sample certificate, the demo branding, PDF tools."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from certificates.branding_demo import ASSETS
from certificates.pdf import CertificateBrandingSnapshot, CertificateDocument
from tests.certificates.factories import make_program

VERIFY_URL = "https://academy.example.com/verify/Qm3x9T_kLp2VwZa8rYc4Nd/"


def make_document(**changes) -> CertificateDocument:
    values = {
        "serial": "ASE-2026-000123",
        "holder_name": "王小明",
        "program_code": "ASE",
        "program_name": "售后工程师问题分析与解决认证",
        "grade": "distinction",
        "grade_label_zh": "优秀",
        "grade_label_en": "Distinction",
        "total_score": Decimal("92.50"),
        "issued_on": date(2026, 7, 1),
        "valid_until": date(2028, 7, 1),
        "verify_url": VERIFY_URL,
        "status": "valid",
    }
    values.update(changes)
    return CertificateDocument(**values)


def jpeg(filename: str) -> bytes:
    """A demo asset as the JPEG ``load_branding`` makes of a Wagtail rendition."""
    image = Image.open(ASSETS / filename)
    flat = Image.new("RGB", image.size, (0xFF, 0xFD, 0xF8))
    flat.paste(image, mask=image.getchannel("A"))
    buffer = io.BytesIO()
    flat.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


DEMO_BRANDING = CertificateBrandingSnapshot(
    organisation_name_zh="售后服务学院",
    organisation_name_en="Service Academy",
    signatory_name="陈志远",
    signatory_title_zh="学院院长",
    signatory_title_en="Dean, Service Academy",
    footer_text="本证书由售后服务学院颁发。 Issued by the Service Academy.",
    logo_jpeg=jpeg("logo.png"),
    signature_jpeg=jpeg("signature.png"),
)


@pytest.fixture
def branding() -> CertificateBrandingSnapshot:
    return DEMO_BRANDING


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


@pytest.fixture(autouse=True)
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
    from django.utils import translation

    with translation.override("en"):
        yield

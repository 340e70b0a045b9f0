"""Fixtures for the certificates tests: a sample certificate, the demo branding, PDF tools."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image

from certificates.demo import ASSETS
from certificates.pdf import CertificateBrandingSnapshot, CertificateDocument
from tests.object_store import S3_TESTS

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


# The certificate issuing tests store their files in the object store when LMS_TEST_S3 is set
# (tests/object_store.py; the PostgreSQL pass of .ci/run).
S3_MODULES = {"tests.certificates.test_issuing"}


@pytest.fixture(autouse=True)
def _private_files(request):
    """Every certificates test writes its private files to a temporary folder, or to the object
    store (S3_TESTS)."""
    if S3_TESTS and request.module.__name__ in S3_MODULES:
        return request.getfixturevalue("s3_storages")
    return request.getfixturevalue("private_files")

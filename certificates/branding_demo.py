"""Demo certificate branding: the academy's names, logo, signatory and signature.

Fills only what is still empty, so it never overwrites branding edited in the CMS, and running
it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from wagtail.models import Site

from certificates.models import CertificateBranding

ASSETS = Path(__file__).resolve().parent / "demo_assets"

DEMO_BRANDING = {
    "signatory_name": "陈志远",
    "signatory_title_zh": "学院院长",
    "signatory_title_en": "Dean, Service Academy",
    "footer_text": "本证书由售后服务学院颁发，扫描二维码可在线验证真伪。"
    " Issued by the Service Academy; scan the QR code to verify it online.",
}
# Stored in the private storage (certificates/models/branding.py), never as Wagtail images.
DEMO_IMAGES = {"logo": "logo.png", "signature": "signature.png"}


def load_branding(*, stdout) -> CertificateBranding | None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        stdout.write("  certificate branding: skipped, there is no default site")
        return None
    branding = CertificateBranding.for_site(site)
    changed = []
    for field, value in DEMO_BRANDING.items():
        if not getattr(branding, field):
            setattr(branding, field, value)
            changed.append(field)
    for field, filename in DEMO_IMAGES.items():
        if not getattr(branding, field):
            with (ASSETS / filename).open("rb") as handle:
                getattr(branding, field).save(filename, File(handle), save=False)
            changed.append(field)
    if changed:
        branding.save()
    stdout.write(f"  certificate branding: {len(changed)} fields filled in")
    return branding

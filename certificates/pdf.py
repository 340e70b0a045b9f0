"""Certificate PDFs: one A4 landscape page in Chinese and English, rendered by WeasyPrint.

``render_certificate_pdf(document)`` turns a plain :class:`CertificateDocument` into PDF bytes
with the issuer's :class:`CertificateBrandingSnapshot` (from the ``CertificateBranding`` site
setting). The output depends on its inputs only: the same document and branding give the same
bytes, so a certificate's PDF can be stored once with its sha256 (:func:`pdf_sha256`).

Chinese text is set in Noto Serif CJK SC (Debian's ``fonts-noto-cjk``), through the common
cut that :mod:`certificates.fonts` builds from it, with the full font behind it for rare
characters. WeasyPrint embeds only the glyphs a page uses; it subsets fonts with HarfBuzz when
``libharfbuzz-subset0`` is installed and otherwise with fontTools, which takes about 10 s for a
CJK font instead of a few hundredths (:func:`harfbuzz_subsetting_available`, system check
``certificates.W001``).

``merge_pdfs`` joins stored certificate PDFs into one file (a cohort's certificates) with pypdf,
page for page, so the merged file shows exactly what was issued.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from PIL import Image
from wagtail.models import Site
from weasyprint import CSS, HTML
from weasyprint.pdf import fonts as weasyprint_pdf_fonts
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from certificates import fonts
from certificates.models import CertificateBranding
from certificates.qr import qr_svg

TEMPLATE = "certificates/pdf/certificate.html"
STYLESHEET = "certificates/pdf/certificate.css"

# Statuses a certificate can have (issue 7); anything but "valid" prints a watermark.
STATUS_VALID = "valid"
STATUS_WATERMARKS = {
    "expired": ("已过期", "EXPIRED"),
    "revoked": ("已撤销", "REVOKED"),
    "superseded": ("已被取代", "SUPERSEDED"),
}
STATUSES = (STATUS_VALID, *STATUS_WATERMARKS)

ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The page colour, also the colour transparent parts of the branding images are flattened on.
PAGE_BACKGROUND = "fffdf8"
# The branding images as printed: enough pixels for print at their printed size (logo 15 mm
# high, signature 17 mm high) without bloating every PDF. JPEG on the page colour, because
# WeasyPrint copies a JPEG into the PDF as it is, whereas it re-encodes a PNG with transparency
# on every render (about 15 ms per image).
LOGO_MAX_SIZE = (600, 300)
SIGNATURE_MAX_SIZE = (600, 240)
JPEG_QUALITY = 90


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on one certificate, as it was at issue."""

    serial: str
    holder_name: str
    program_code: str
    program_name: str
    grade: str
    grade_label_zh: str
    grade_label_en: str
    total_score: Decimal
    issued_on: date
    valid_until: date
    verify_url: str
    status: str
    program_name_en: str = ""  # the English part's name; empty: the Chinese name there too

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"Unknown certificate status {self.status!r}; one of {STATUSES}.")
        if not isinstance(self.total_score, Decimal):
            raise TypeError("total_score must be a Decimal.")
        if self.valid_until < self.issued_on:
            raise ValueError("valid_until is before issued_on.")
        for name in ("serial", "holder_name", "program_name", "verify_url"):
            if not getattr(self, name).strip():
                raise ValueError(f"{name} must not be empty.")


@dataclass(frozen=True)
class CertificateBrandingSnapshot:
    """The issuer's identity as printed: names, signatory, and the images as JPEG bytes."""

    organisation_name_zh: str
    organisation_name_en: str
    signatory_name: str = ""
    signatory_title_zh: str = ""
    signatory_title_en: str = ""
    footer_text: str = ""
    logo_jpeg: bytes = b""
    signature_jpeg: bytes = b""

    def image(self, name: str) -> bytes:
        """The JPEG bytes of ``name`` ("logo" or "signature"); b"" when there is none."""
        return {"logo": self.logo_jpeg, "signature": self.signature_jpeg}.get(name, b"")


def load_branding(site=None) -> CertificateBrandingSnapshot:
    """The ``CertificateBranding`` of ``site`` (default: the default Wagtail site), ready to print.

    Load it once for a batch of certificates and pass it to every render.
    """
    if site is None:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        defaults = CertificateBranding()
        return CertificateBrandingSnapshot(
            organisation_name_zh=defaults.organisation_name_zh,
            organisation_name_en=defaults.organisation_name_en,
        )
    branding = CertificateBranding.for_site(site)
    return CertificateBrandingSnapshot(
        organisation_name_zh=branding.organisation_name_zh,
        organisation_name_en=branding.organisation_name_en,
        signatory_name=branding.signatory_name,
        signatory_title_zh=branding.signatory_title_zh,
        signatory_title_en=branding.signatory_title_en,
        footer_text=branding.footer_text,
        logo_jpeg=branding_jpeg(branding.logo, LOGO_MAX_SIZE),
        signature_jpeg=branding_jpeg(branding.signature, SIGNATURE_MAX_SIZE),
    )


def branding_jpeg(file, max_size: tuple[int, int]) -> bytes:
    """A branding image file as printed: within ``max_size``, flattened on the page colour, JPEG;
    b"" when there is none. Kept per process for the same image bytes (about 40 ms for the demo
    logo); the file is read from its storage each time, local folder or object store.

    A missing file raises ``FileNotFoundError``: a certificate is not issued without the
    signature it is meant to carry.
    """
    if not file:
        return b""
    with file.storage.open(file.name, "rb") as handle:
        data = handle.read()
    return _flattened_jpeg(data, max_size)


@functools.lru_cache(maxsize=8)
def _flattened_jpeg(data: bytes, max_size: tuple[int, int]) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail(max_size)
        layer = image.convert("RGBA")
    flat = Image.new("RGB", layer.size, f"#{PAGE_BACKGROUND}")
    flat.paste(layer, mask=layer.getchannel("A"))
    buffer = io.BytesIO()
    flat.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def format_date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def format_date_en(day: date) -> str:
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def text_width(text: str) -> int:
    """Width of ``text`` in Latin letters: a CJK character is about two of them."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)


def holder_name_size(name: str) -> str:
    """The CSS class that fits the holder's name on one or two lines."""
    width = text_width(name)
    if width <= 16:
        return "name-large"
    if width <= 32:
        return "name-medium"
    return "name-small"


# The serial's column is 116 pt wide inside its padding; a serial is set at most 108 pt wide
# (a 15-character serial at 12 pt), a bold capital or digit of Noto Serif being about 0.6 em
# with the letter spacing.
SERIAL_WIDTH_PT = 108
SERIAL_EM_PER_CHAR = 0.6
SERIAL_MAX_PT, SERIAL_MIN_PT = 12, 7.5


def serial_style(serial: str) -> str:
    """Inline CSS that keeps the serial on one line of its column (``ASE-L1-2026-000001`` is
    set smaller than ``ASE-2026-000123``). Only a serial too long even at the smallest size,
    from a very long program code, wraps after a hyphen."""
    size = SERIAL_WIDTH_PT / (len(serial) * SERIAL_EM_PER_CHAR)
    if size >= SERIAL_MIN_PT:
        return f"font-size: {min(size, SERIAL_MAX_PT):.1f}pt; white-space: nowrap"
    return f"font-size: {SERIAL_MIN_PT}pt; white-space: normal"


def certificate_context(
    document: CertificateDocument, branding: CertificateBrandingSnapshot
) -> dict:
    watermark = STATUS_WATERMARKS.get(document.status)
    return {
        "document": document,
        "branding": branding,
        "holder_name_class": holder_name_size(document.holder_name),
        "program_class": "program-long" if text_width(document.program_name) > 48 else "",
        # The English sentence is set smaller: a name of the same width fits more letters.
        "program_name_en": document.program_name_en or document.program_name,
        "program_class_en": "program-long" if text_width(document.program_name_en) > 72 else "",
        "serial_style": serial_style(document.serial),
        "total_score": format(document.total_score, "f"),
        "issued_on_zh": format_date_zh(document.issued_on),
        "issued_on_en": format_date_en(document.issued_on),
        "valid_until_zh": format_date_zh(document.valid_until),
        "valid_until_en": format_date_en(document.valid_until),
        "issued_on_iso": document.issued_on.isoformat(),
        # segno escapes the title; the SVG holds no user text besides it.
        "qr_svg": qr_svg(document.verify_url, size_mm=30, title=document.verify_url),
        "watermark_zh": watermark[0] if watermark else "",
        "watermark_en": watermark[1] if watermark else "",
    }


def render_certificate_html(
    document: CertificateDocument, branding: CertificateBrandingSnapshot
) -> str:
    """The HTML page WeasyPrint lays out. Every value is escaped by Django's templates."""
    return render_to_string(TEMPLATE, certificate_context(document, branding))


@functools.cache
def _typesetting(fonts_dir: Path) -> tuple[CSS, FontConfiguration]:
    """The page's stylesheet and its font configuration, once per process and fonts folder.

    WeasyPrint keeps the fonts it has looked up (and the ``@font-face`` files it has loaded)
    in the configuration, so warm renders skip fontconfig. It holds fonts, never a document's
    content. Each fonts folder has a configuration of its own, so a page without the common cut
    cannot pick it up from an earlier one.
    """
    font_config = FontConfiguration()
    css = render_to_string(STYLESHEET, {"background": f"#{PAGE_BACKGROUND}"})
    css += "\n" + fonts.font_face_rules(fonts_dir)
    return CSS(string=css, font_config=font_config), font_config


def certificate_stylesheet() -> CSS:
    """The page's stylesheet, parsed once per process and shared by every render."""
    return _typesetting(Path(settings.CERTIFICATE_FONTS_DIR))[0]


def font_config() -> FontConfiguration:
    """The font configuration that goes with :func:`certificate_stylesheet`."""
    return _typesetting(Path(settings.CERTIFICATE_FONTS_DIR))[1]


@functools.lru_cache(maxsize=4)
def image_cache_for(branding: CertificateBrandingSnapshot) -> dict:
    """WeasyPrint's image cache for one branding: its logo and signature are decoded once.

    Keyed by the snapshot's value, so images of another branding never mix in.
    """
    return {}


class BrandingFetcher(URLFetcher):
    """Serves ``branding:logo`` and ``branding:signature`` from a snapshot, and nothing else.

    A render reads no file and no network address. The images stay out of the HTML, whose
    pure-Python parser would otherwise read tens of kilobytes of base64 on every render.
    """

    def __init__(self, branding: CertificateBrandingSnapshot | None):
        super().__init__(fail_on_errors=True)
        self.branding = branding

    def fetch(self, url, headers=None):
        scheme, _, name = url.partition(":")
        data = self.branding.image(name) if self.branding and scheme == "branding" else b""
        if not data:
            raise ValueError(f"Certificates load no resource but their branding images: {url}")
        return URLFetcherResponse(url, body=data, headers={"Content-Type": "image/jpeg"})


def html_to_pdf(
    html: str,
    *,
    identifier: str,
    branding: CertificateBrandingSnapshot | None = None,
    image_cache: dict | None = None,
) -> bytes:
    """Lay out ``html`` and return the PDF bytes; images come from ``branding`` only."""
    return HTML(string=html, url_fetcher=BrandingFetcher(branding)).write_pdf(
        stylesheets=[certificate_stylesheet()],
        font_config=font_config(),
        cache=image_cache,
        # A stable file identifier instead of none; the dates come from the page's metadata.
        pdf_identifier=hashlib.md5(identifier.encode(), usedforsecurity=False).hexdigest(),
    )


def render_certificate_pdf(
    document: CertificateDocument, *, branding: CertificateBrandingSnapshot | None = None
) -> bytes:
    """The certificate as PDF bytes: the same inputs always give the same bytes."""
    if branding is None:
        branding = load_branding()
    return html_to_pdf(
        render_certificate_html(document, branding),
        identifier=document.serial,
        branding=branding,
        image_cache=image_cache_for(branding),
    )


def pdf_sha256(data: bytes) -> str:
    """Hex sha256 of PDF bytes, as stored beside a certificate's file."""
    return hashlib.sha256(data).hexdigest()


def render_certificate_pdf_with_sha256(
    document: CertificateDocument, *, branding: CertificateBrandingSnapshot | None = None
) -> tuple[bytes, str]:
    data = render_certificate_pdf(document, branding=branding)
    return data, pdf_sha256(data)


def merge_pdfs(pdfs: list[bytes]) -> bytes:
    """One PDF holding every page of ``pdfs`` in order (e.g. a cohort's stored certificates).

    Pages are copied as they are, so each keeps its own embedded font subsets; objects that are
    identical across parts (the branding images) are stored once. The same parts give the same
    bytes.
    """
    # Deferred: pypdf is needed only to merge a cohort's certificates, not by every process
    # that renders or issues one.
    from pypdf import PdfReader, PdfWriter

    if not pdfs:
        raise ValueError("Nothing to merge.")
    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    # The logo and signature images are the same in every part: keep one copy of each.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def harfbuzz_subsetting_available() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz rather than its slow fontTools fallback.

    Asks the very objects WeasyPrint's ``Font.subset`` consults (``weasyprint.pdf.fonts``):
    the ``harfbuzz-subset`` library must have loaded and HarfBuzz must be at least 4.1.0.
    """
    if weasyprint_pdf_fonts.harfbuzz_subset is None:
        return False
    return bool(weasyprint_pdf_fonts.harfbuzz.hb_version_atleast(4, 1, 0))

"""The certificate PDF as a holder, a verifier or a printer sees it (poppler-utils)."""

import logging
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
import segno
from django.conf import settings
from PIL import Image, ImageChops
from pypdf import PdfReader

from certificates import pdf
from tests.certificates.conftest import DEMO_BRANDING, VERIFY_URL, make_document

MM_PER_INCH = 25.4


@pytest.fixture(scope="module")
def certificate_bytes() -> bytes:
    return pdf.render_certificate_pdf(make_document(), branding=DEMO_BRANDING)


@pytest.fixture
def certificate(certificate_bytes, pdf_file):
    return pdf_file(certificate_bytes)


def test_the_text_holds_everything_a_verifier_reads(certificate):
    text = certificate.text()
    for expected in [
        "王小明",
        "ASE-2026-000123",
        "售后工程师问题分析与解决认证",
        "（ASE）",
        "优秀",
        "Distinction",
        "92.50",
        "2026年7月1日",
        "1 July 2026",
        "2028年7月1日",
        "1 July 2028",
        VERIFY_URL,
        "售后服务学院",
        "SERVICE ACADEMY",
        "陈志远",
        "学院院长",
        "Dean, Service Academy",
        "Issued by the Service Academy.",
    ]:
        assert expected in text, expected
    assert "结 业 证 书" in text or "结业证书" in text
    assert "CERTIFICATE OF COMPLETION" in text.upper()


def test_it_is_one_a4_landscape_page(certificate):
    info = certificate.info()
    assert info["Pages"] == "1"
    assert info["Page size"] == "841.89 x 595.276 pts (A4)"  # width before height: landscape


def embedded_fonts(certificate) -> dict[str, list[str]]:
    """pdffonts' rows by font name without the subset tag; every font embedded and subset."""
    rows = certificate.run("pdffonts").splitlines()[2:]
    assert rows
    fonts = {row.split()[0].split("+", 1)[-1]: row.split() for row in rows}
    for name, columns in fonts.items():
        emb, sub, uni = columns[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), name
        assert "+" in columns[0], "a subset font carries a six-letter tag"
    return fonts


def test_a_cjk_font_is_embedded_as_a_subset_and_nothing_is_left_to_the_viewer(certificate):
    # The common cut of Noto Serif CJK SC (certificates/fonts.py), regular and bold, and no
    # other font: every character of this certificate is in the cut.
    assert set(embedded_fonts(certificate)) == {
        "Noto-Serif-CJK-SC-Common",
        "Noto-Serif-CJK-SC-Common-Bold",
    }


def test_a_name_character_outside_the_common_cut_is_set_in_the_full_font(pdf_file):
    name = "王喆玥"  # 喆 and 玥 are not in GB 2312
    data = pdf.render_certificate_pdf(make_document(holder_name=name), branding=DEMO_BRANDING)
    certificate = pdf_file(data)
    assert name in certificate.text()
    fonts = embedded_fonts(certificate)
    assert "Noto-Serif-CJK-SC-Bold" in fonts  # the name is bold
    assert "Noto-Serif-CJK-SC-Common-Bold" in fonts  # 王 and the rest of the page


def test_without_the_common_cut_the_full_font_is_used(pdf_file, settings, tmp_path):
    settings.CERTIFICATE_FONTS_DIR = tmp_path  # an empty folder: the cut was never built
    certificate = pdf_file(pdf.render_certificate_pdf(make_document(), branding=DEMO_BRANDING))
    assert set(embedded_fonts(certificate)) == {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}
    assert "王小明" in certificate.text()


def test_the_logo_and_signature_are_embedded(certificate):
    rows = certificate.run("pdfimages", "-list").splitlines()[2:]
    assert len(rows) == 2


def test_metadata_dates_are_the_issue_date_and_the_title_names_the_certificate(certificate):
    info = certificate.info("-rawdates")
    assert info["CreationDate"] == "D:20260701"
    assert info["ModDate"] == "D:20260701"
    assert "ASE-2026-000123" in info["Title"]
    assert "王小明" in info["Title"]


def test_the_qr_code_printed_on_the_page_is_the_verification_url(certificate):
    """Rasterise the QR corner at 300 dpi and read each module back from its centre."""
    dpi = 300
    left, top, width, height = 16, 140, 39, 56  # mm: the bottom-left corner, left of the text
    px = [round(value / MM_PER_INCH * dpi) for value in (left, top, width, height)]
    out = certificate.path.with_name("qr")
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-singlefile", "-r", str(dpi), "-x", str(px[0]), "-y", str(px[1]),  # noqa: S607
         "-W", str(px[2]), "-H", str(px[3]), str(certificate.path), str(out)],
        check=True,
    )  # fmt: skip
    image = Image.open(out.with_suffix(".png")).convert("L")
    dark = image.point(lambda value: 255 if value < 110 else 0)
    x0, y0, x1, y1 = dark.getbbox()
    expected = segno.make(VERIFY_URL, error="m", micro=False)
    size = expected.symbol_size(border=0)[0]
    module = (x1 - x0) / size
    assert abs((y1 - y0) / size - module) < 0.5, "the symbol is square"
    read = [
        [
            image.getpixel((int(x0 + (col + 0.5) * module), int(y0 + (row + 0.5) * module))) < 110
            for col in range(size)
        ]
        for row in range(size)
    ]
    assert read == [[bool(m) for m in row] for row in expected.matrix]
    # The address is printed as text right of the code, on the same band of the page.
    words = certificate.text("-bbox").splitlines()
    url_word = next(line for line in words if VERIFY_URL in line)
    url_x = float(url_word.split('xMin="')[1].split('"')[0]) / 72 * MM_PER_INCH
    url_y = float(url_word.split('yMin="')[1].split('"')[0]) / 72 * MM_PER_INCH
    qr_right = left + x1 / dpi * MM_PER_INCH
    qr_top = top + y0 / dpi * MM_PER_INCH
    assert 0 < url_x - qr_right < 10
    assert qr_top < url_y < qr_top + 35


def test_a_holder_name_with_html_and_script_is_printed_as_text(pdf_file):
    name = '<script>alert("x")</script><b>李四</b>&amp;'
    document = make_document(holder_name=name)
    html = pdf.render_certificate_html(document, DEMO_BRANDING)
    assert "<script>" not in html
    text = pdf_file(pdf.render_certificate_pdf(document, branding=DEMO_BRANDING)).text()
    assert name in text.replace("\n", "")


def test_rendering_twice_gives_the_same_bytes(certificate_bytes):
    again, sha256 = pdf.render_certificate_pdf_with_sha256(make_document(), branding=DEMO_BRANDING)
    assert again == certificate_bytes
    assert sha256 == pdf.pdf_sha256(certificate_bytes)
    assert len(sha256) == 64


def test_another_process_renders_the_same_bytes(certificate_bytes, tmp_path):
    """No timestamp, random identifier or hash seed leaks into the file."""
    script = (
        "import django, sys; django.setup()\n"
        "from certificates.pdf import render_certificate_pdf\n"
        "from tests.certificates.conftest import DEMO_BRANDING, make_document\n"
        "sys.stdout.buffer.write(render_certificate_pdf(make_document(), branding=DEMO_BRANDING))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "PYTHONHASHSEED": "12345",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        capture_output=True,
        check=True,
        cwd=settings.BASE_DIR,
        env=env,
    )
    assert result.stdout == certificate_bytes


def test_the_same_document_with_another_detail_gives_other_bytes(certificate_bytes):
    other = pdf.render_certificate_pdf(
        make_document(serial="ASE-2026-000124"), branding=DEMO_BRANDING
    )
    assert other != certificate_bytes


def test_fonts_are_subset_with_harfbuzz_not_the_slow_fonttools_fallback(caplog):
    """Fails when libharfbuzz-subset0 is missing: a certificate would take about 10 s."""
    assert pdf.harfbuzz_subsetting_available(), "install libharfbuzz-subset0 (HarfBuzz >= 4.1)"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf.render_certificate_pdf(make_document(serial="ASE-2026-000999"), branding=DEMO_BRANDING)
    fallbacks = [r for r in caplog.records if "fontTools" in r.getMessage()]
    assert not fallbacks, fallbacks[0].getMessage()
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


@pytest.mark.parametrize(
    ("status", "marks"),
    [("revoked", ["已撤销", "REVOKED"]), ("superseded", ["已被取代", "SUPERSEDED"])],
)
def test_a_certificate_that_is_no_longer_valid_carries_a_watermark(pdf_file, status, marks):
    document = make_document(status=status)
    certificate = pdf_file(pdf.render_certificate_pdf(document, branding=DEMO_BRANDING))
    text = certificate.text("-raw").replace(" ", "")  # letter-spaced and rotated
    for mark in marks:
        assert mark in text


def test_a_valid_certificate_has_no_watermark(certificate):
    text = certificate.text()
    assert "REVOKED" not in text
    assert "已撤销" not in text


def test_very_long_names_still_fit_on_one_page(pdf_file):
    document = make_document(
        holder_name="Maximilian Alexander Wolfeschlegelsteinhausenbergerdorff-Montgomery",
        program_name="售后工程师问题分析与解决认证（高级）After-sales engineering: "
        "problem analysis and solving, advanced programme for regional service centres",
    )
    certificate = pdf_file(pdf.render_certificate_pdf(document, branding=DEMO_BRANDING))
    assert certificate.info()["Pages"] == "1"
    text = certificate.text().replace("\n", "")
    assert "Wolfeschlegelsteinhausenbergerdorff" in text


def test_without_branding_images_or_signatory_it_still_renders(pdf_file):
    branding = pdf.CertificateBrandingSnapshot("售后服务学院", "Service Academy")
    certificate = pdf_file(pdf.render_certificate_pdf(make_document(), branding=branding))
    assert certificate.info()["Pages"] == "1"
    assert certificate.run("pdfimages", "-list").splitlines()[2:] == []
    assert "王小明" in certificate.text()


def test_nothing_but_the_branding_images_is_fetched(tmp_path):
    """No file, web address or data: URI reaches the page, even in hand-written HTML."""
    secret = tmp_path / "secret.png"
    Image.new("RGB", (10, 10)).save(secret)
    for src in [secret.as_uri(), "http://127.0.0.1:9/x.png", "data:image/png;base64,AAAA"]:
        html = f'<html><body><img src="{src}"></body></html>'
        with pytest.raises(BaseException, match="Error fetching"):
            pdf.html_to_pdf(html, identifier="x", branding=DEMO_BRANDING)


def test_a_document_refuses_impossible_values():
    with pytest.raises(ValueError, match="status"):
        make_document(status="pending")
    with pytest.raises(ValueError, match="valid_until"):
        make_document(valid_until=date(2026, 6, 30))
    with pytest.raises(TypeError, match="Decimal"):
        make_document(total_score=92.5)
    with pytest.raises(ValueError, match="holder_name"):
        make_document(holder_name="  ")


def test_dates_are_written_the_same_whatever_the_active_language(settings):
    from django.utils import translation

    with translation.override("en"):
        english = pdf.render_certificate_html(make_document(), DEMO_BRANDING)
    with translation.override("zh-hans"):
        chinese = pdf.render_certificate_html(make_document(), DEMO_BRANDING)
    assert english == chinese


def test_merging_keeps_every_page_in_order(pdf_file):
    parts = [
        pdf.render_certificate_pdf(
            make_document(serial=f"ASE-2026-00000{n}", holder_name=name), branding=DEMO_BRANDING
        )
        for n, name in enumerate(["王小明", "李娜", "张伟"], start=1)
    ]
    merged = pdf.merge_pdfs(parts)
    assert pdf.merge_pdfs(parts) == merged, "the same parts give the same bytes"
    reader = PdfReader(pdf_file(merged).path)
    assert len(reader.pages) == 3
    merged_file = pdf_file(merged, "merged.pdf")
    pages = [merged_file.text("-f", str(n), "-l", str(n)) for n in (1, 2, 3)]
    assert ["ASE-2026-000001" in pages[0], "ASE-2026-000002" in pages[1]] == [True, True]
    assert "张伟" in pages[2]
    assert merged_file.info()["Page size"] == "841.89 x 595.276 pts (A4)"
    # The logo and signature are stored once, not once per certificate.
    images = merged_file.run("pdfimages", "-list").splitlines()[2:]
    assert len(images) == 6
    assert len({row.split()[10] for row in images}) == 2  # object numbers
    assert len(merged) < sum(len(part) for part in parts)


def test_merging_nothing_is_refused():
    with pytest.raises(ValueError, match="Nothing to merge"):
        pdf.merge_pdfs([])


def test_the_score_is_printed_as_given():
    html = pdf.render_certificate_html(make_document(total_score=Decimal("87.5")), DEMO_BRANDING)
    assert ">87.5<" in html


def test_the_common_cut_changes_nothing_a_reader_sees(pdf_file, settings, tmp_path):
    """The same page with the cut and with the full font, rasterised: not one pixel differs."""
    document = make_document(holder_name="欧阳喆玥")  # two characters from each
    pages = []
    for fonts_dir in (settings.CERTIFICATE_FONTS_DIR, tmp_path / "none"):
        settings.CERTIFICATE_FONTS_DIR = fonts_dir
        data = pdf.render_certificate_pdf(document, branding=DEMO_BRANDING)
        path = pdf_file(data, f"certificate-{len(pages)}.pdf").path
        out = path.with_name(f"page-{len(pages)}")
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-singlefile", "-r", "100", str(path), str(out)],  # noqa: S607
            check=True,
        )
        pages.append(Image.open(out.with_suffix(".png")).convert("L"))
    with_cut, full = pages
    assert with_cut.size == full.size
    assert ImageChops.difference(with_cut, full).getbbox() is None


# The last of the five facts columns: a 225 mm table centred on the 297 mm page.
SERIAL_COLUMN_MM = (36 + 4 * 45, 36 + 5 * 45)


def serial_boxes(certificate, serial: str) -> list[tuple[float, float]]:
    """(xMin, xMax) in mm of the words of the page that are pieces of ``serial`` (every piece
    holds a hyphen: a serial breaks only after one)."""
    boxes = []
    for line in certificate.text("-bbox").splitlines():
        if "<word " in line:
            word = line.split(">", 1)[1].split("</word>")[0]
            if "-" in word and word in serial:
                x_min = float(line.split('xMin="')[1].split('"')[0]) / 72 * MM_PER_INCH
                x_max = float(line.split('xMax="')[1].split('"')[0]) / 72 * MM_PER_INCH
                boxes.append((x_min, x_max))
    return boxes


@pytest.mark.parametrize(
    "serial",
    ["ASE-2026-000123", "ASE-L1-2026-000001", "FIELD-SVC-L2-2026-000001"],
)
def test_the_serial_stays_on_one_line_of_its_column(pdf_file, serial):
    document = make_document(serial=serial)
    certificate = pdf_file(pdf.render_certificate_pdf(document, branding=DEMO_BRANDING))
    assert serial in certificate.text().splitlines(), "broken over two lines"
    [(x_min, x_max)] = serial_boxes(certificate, serial)
    assert SERIAL_COLUMN_MM[0] < x_min and x_max < SERIAL_COLUMN_MM[1]


def test_a_serial_of_a_very_long_program_code_wraps_after_hyphens_inside_its_column(pdf_file):
    serial = "FIELD-SERVICE-ENGINEER-ADVANCED-2026-000001"  # a 31-character program code
    document = make_document(serial=serial)
    certificate = pdf_file(pdf.render_certificate_pdf(document, branding=DEMO_BRANDING))
    layout = certificate.text("-layout").split()  # -layout keeps a hyphen at a line's end
    pieces = [token for token in layout if "-" in token and token in serial]
    assert "".join(pieces) == serial
    assert len(pieces) >= 2 and all(piece.endswith("-") for piece in pieces[:-1])
    assert pieces[-1].endswith("2026-000001")
    boxes = serial_boxes(certificate, serial)
    assert len(boxes) == len(pieces)
    assert all(
        SERIAL_COLUMN_MM[0] < x_min and x_max < SERIAL_COLUMN_MM[1] for x_min, x_max in boxes
    )

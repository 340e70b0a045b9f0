import pytest

from cases.uploads import MAX_ATTACHMENT_BYTES, AttachmentRefused, inspect_upload
from tests.cases.upload_samples import (
    ELF_EXECUTABLE,
    PDF_WITHOUT_XREF,
    WINDOWS_EXECUTABLE,
    clean_pdf_bytes,
    deeply_nested_pdf_bytes,
    encrypted_pdf_bytes,
    huge_png_bytes,
    jpeg_bytes,
    malformed_pdf_bytes,
    pdf_bytes,
    pdf_with_document_javascript,
    pdf_with_embedded_file,
    pdf_with_escaped_javascript_names,
    pdf_with_launch_action,
    pdf_with_open_action,
    pdf_with_open_action_javascript,
    pdf_with_xfa_form,
    png_bytes,
    upload,
    xlsx_bytes,
    zip_bytes,
)


@pytest.fixture(autouse=True)
def _english(english):
    """The refusals are checked in English."""


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("照片.png", png_bytes(), "image/png"),
        ("photo.JPG", jpeg_bytes(), "image/jpeg"),
        ("manual.pdf", pdf_bytes(), "application/pdf"),
        ("report.pdf", clean_pdf_bytes(), "application/pdf"),
        ("alarm.log", "08:22 ALM 1012 主轴过载\n".encode(), "text/plain"),
        ("gbk.txt", "报警记录\r\n".encode("gb18030"), "text/plain"),
        ("colours.log", b"\x1b[31mERROR\x1b[0m disk\n", "text/plain"),
        (
            "温度.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_accepted_files_and_their_detected_type(name, data, content_type):
    assert inspect_upload(upload(name, data)) == content_type


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("virus.png", WINDOWS_EXECUTABLE, "not an image"),
        ("tool.png", ELF_EXECUTABLE, "not an image"),
        ("photo.png", jpeg_bytes(), "JPEG image, not PNG"),
        ("scan.pdf", png_bytes(), "not a PDF"),
        ("cut.pdf", pdf_bytes()[:40], "incomplete"),
        ("notes.txt", ELF_EXECUTABLE, "not text"),
        ("sheet.xlsx", zip_bytes(), "not an XLSX"),
        ("sheet.xlsx", b"plain text", "not an XLSX"),
        ("run.exe", WINDOWS_EXECUTABLE, "not an accepted kind"),
        ("drawing.svg", b"<svg onload='alert(1)'/>", "not an accepted kind"),
        ("../../etc/passwd.txt", b"x", "folder separators"),
        ("..\\evil.txt", b"x", "folder separators"),
        (".htaccess", b"x", "not an acceptable file name"),
        ("empty.txt", b"", "empty"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "",
)
def test_refused_files_say_why(name, data, reason):
    with pytest.raises(AttachmentRefused, match=reason):
        inspect_upload(upload(name, data))


def test_files_over_10_mb_are_refused():
    big = upload("big.log", b"a" * (MAX_ATTACHMENT_BYTES + 1))
    with pytest.raises(AttachmentRefused, match="larger than 10 MB"):
        inspect_upload(big)


def test_an_xlsx_with_macros_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO(xlsx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    with pytest.raises(AttachmentRefused, match="macros"):
        inspect_upload(upload("m.xlsx", buffer.getvalue()))


def test_a_decompression_bomb_image_is_refused():
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = 1000  # a 64×64 image now counts as a bomb
    try:
        with pytest.raises(AttachmentRefused):
            inspect_upload(upload("bomb.png", png_bytes((64, 64))))
    finally:
        Image.MAX_IMAGE_PIXELS = limit


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdf_with_open_action_javascript(), "the PDF contains JavaScript"),
        (pdf_with_document_javascript(), "the PDF contains JavaScript"),
        (pdf_with_escaped_javascript_names(), "the PDF contains JavaScript"),
        (pdf_with_launch_action(), "the PDF would start another program"),
        (pdf_with_embedded_file(), "the PDF carries embedded files"),
        (pdf_with_open_action("/GoToE"), "the PDF carries embedded files"),
        (pdf_with_open_action("/SubmitForm"), "the PDF would send or load data"),
        (pdf_with_open_action("/ImportData"), "the PDF would send or load data"),
        (pdf_with_xfa_form(), "the PDF contains an XFA form"),
        (encrypted_pdf_bytes(), "the PDF is encrypted"),
        (malformed_pdf_bytes(), "the PDF document is damaged"),
        # Viewers rebuild a missing cross-reference table; what pypdf cannot read is not checked.
        (PDF_WITHOUT_XREF, "the PDF document is damaged"),
        (deeply_nested_pdf_bytes(), "the PDF document is damaged"),
    ],
    ids=[
        "open-action-js",
        "document-js",
        "escaped-names",
        "launch",
        "embedded-file",
        "go-to-embedded",
        "submit-form",
        "import-data",
        "xfa-form",
        "encrypted",
        "malformed",
        "no-xref",
        "deeply-nested",
    ],
)
def test_pdfs_that_could_run_something_are_refused(data, reason):
    with pytest.raises(AttachmentRefused, match=f"“manual.pdf” was refused: {reason}"):
        inspect_upload(upload("manual.pdf", data))


def test_an_image_with_too_many_pixels_is_refused_with_its_size():
    """Issue 12, finding 7: a 30000×30000 PNG was reported as "not an image"."""
    with pytest.raises(AttachmentRefused) as refused:
        inspect_upload(upload("huge.png", huge_png_bytes()))
    assert str(refused.value) == (
        "“huge.png” was refused: too large: 30000×30000 pixels, at most 50,000,000 pixels"
    )

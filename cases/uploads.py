"""Files learners attach to case reports: where they are stored and what is accepted.

Attachments live in the ``private`` storage (``settings.STORAGES["private"]``, under
``PRIVATE_MEDIA_ROOT``), which has no public URL: they are served only through
``cases.views.reports.attachment_download``, which checks who is asking.

A file is accepted when its *content* is what its extension says (see
``docs/decisions/0304-case-attachments.md``): images are opened and verified with Pillow, PDFs
must start with ``%PDF-``, end with ``%%EOF`` and run nothing when opened (no JavaScript,
launch actions or embedded files: ``lms.pdf_inspection``, decision 0007), text and logs must
decode as UTF-8 or GB18030 with no NUL bytes, and XLSX files must be a sane ZIP holding a
workbook and no macros.
"""

from __future__ import annotations

import html
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from lms.images import image_dimensions, too_many_pixels
from lms.pdf_inspection import pdf_refusal

# The lazy ``storages["private"]`` lives in lms.private_files; exams/migrations/0001_initial.py
# imports it from here, so the name must stay importable.
from lms.private_files import private_storage  # noqa: F401

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_REPORT = 20
MAX_IMAGE_PIXELS = 50_000_000
# A spreadsheet may not inflate to more than this, nor hold more members (zip bombs).
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_XLSX_MEMBERS = 2_000


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    label: str


IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "txt": "text/plain",
    "log": "text/plain",
    "csv": "text/plain",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACCEPT = ",".join(f".{ext}" for ext in CONTENT_TYPES)


class AttachmentRefused(ValueError):
    """The file was refused; ``str(error)`` is the message for the learner."""


def attachment_upload_to(instance, filename: str) -> str:
    """Random names: the learner's file name is kept in the database, never on disk."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"cases/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{extension}"


def check_file_name(name: str) -> str:
    """Return the extension of an acceptable file name, or refuse it."""
    if not name or "/" in name or "\\" in name or "\x00" in name:
        raise AttachmentRefused(
            _("The file name “%(name)s” contains folder separators; rename the file and try again.")
            % {"name": name}
        )
    if name.startswith(".") or any(not ch.isprintable() for ch in name):
        raise AttachmentRefused(_("“%(name)s” is not an acceptable file name.") % {"name": name})
    if len(name) > 200:
        raise AttachmentRefused(_("The file name is longer than 200 characters."))
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in CONTENT_TYPES:
        raise AttachmentRefused(
            _(
                "“%(name)s” is not an accepted kind of file. Accepted: images (PNG, JPEG, GIF, "
                "WebP), PDF, text and log files, XLSX spreadsheets."
            )
            % {"name": name}
        )
    return extension


def inspect_upload(upload) -> str:
    """Check an uploaded file; return its content type or raise :class:`AttachmentRefused`.

    ``upload`` is a Django ``UploadedFile`` (or any File with ``name`` and ``size``).
    """
    extension = check_file_name(upload.name)
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(_("“%(name)s” is larger than 10 MB.") % {"name": upload.name})
    if upload.size == 0:
        raise AttachmentRefused(_("“%(name)s” is empty.") % {"name": upload.name})
    upload.seek(0)
    try:
        if extension in IMAGE_FORMATS:
            _check_image(upload, IMAGE_FORMATS[extension])
        elif extension == "pdf":
            _check_pdf(upload)
        elif extension == "xlsx":
            _check_xlsx(upload)
        else:
            _check_text(upload)
    except AttachmentRefused as refused:
        raise AttachmentRefused(
            _("“%(name)s” was refused: %(reason)s") % {"name": upload.name, "reason": refused}
        ) from None
    finally:
        upload.seek(0)
    return CONTENT_TYPES[extension]


def _check_image(upload, expected_format: str) -> None:
    size = image_dimensions(upload)
    refusal = size and too_many_pixels(size, MAX_IMAGE_PIXELS)
    if refusal:
        raise AttachmentRefused(refusal)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                actual = image.format
                width, height = image.size
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentRefused(_("its content is not an image.")) from None
    except (OSError, SyntaxError, ValueError):
        raise AttachmentRefused(_("the image is damaged.")) from None
    if actual != expected_format:
        raise AttachmentRefused(
            _("its content is a %(actual)s image, not %(expected)s.")
            % {"actual": actual, "expected": expected_format}
        )
    refusal = too_many_pixels((width, height), MAX_IMAGE_PIXELS)
    if refusal:
        raise AttachmentRefused(refusal)


def _check_pdf(upload) -> None:
    head = upload.read(1024)
    if not head.startswith(b"%PDF-"):
        raise AttachmentRefused(_("its content is not a PDF document."))
    upload.seek(max(0, upload.size - 2048))
    if b"%%EOF" not in upload.read():
        raise AttachmentRefused(_("the PDF document is incomplete."))
    refusal = pdf_refusal(upload)
    if refusal:
        raise AttachmentRefused(refusal)


def _check_text(upload) -> None:
    data = upload.read()
    if b"\x00" in data:
        raise AttachmentRefused(_("its content is not text."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise AttachmentRefused(_("its content is not text in UTF-8 or GB18030."))
    allowed = {"\t", "\n", "\r", "\f", "\x1b"}
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in allowed)
    if control > max(8, len(text) // 100):
        raise AttachmentRefused(_("its content is not text."))


def _check_xlsx(upload) -> None:
    if not zipfile.is_zipfile(upload):
        raise AttachmentRefused(_("its content is not an XLSX spreadsheet."))
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if len(members) > MAX_XLSX_MEMBERS or (
                sum(member.file_size for member in members) > MAX_XLSX_UNCOMPRESSED
            ):
                raise AttachmentRefused(_("the spreadsheet unpacks to more than 100 MB."))
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise AttachmentRefused(_("its content is not an XLSX spreadsheet."))
            if "xl/vbaProject.bin" in names:
                raise AttachmentRefused(_("spreadsheets with macros are not accepted."))
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, KeyError):
        raise AttachmentRefused(_("its content is not an XLSX spreadsheet.")) from None
    if b"spreadsheetml" not in content_types:
        raise AttachmentRefused(_("its content is not an XLSX spreadsheet."))


# --- Refusing file names with folder separators at the HTTP layer --------------------------


class _NameCheckingParser(MultiPartParser):
    """Django's multipart parser silently drops folders from uploaded file names. This one
    drops the whole file instead and remembers the name, so the view can refuse it."""

    def __init__(self, *args, refused: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused

    def sanitize_file_name(self, file_name):
        unescaped = html.unescape(file_name)
        if "/" in unescaped or "\\" in unescaped:
            self.refused.append(unescaped)
            return None
        return super().sanitize_file_name(file_name)


def refuse_path_file_names(request) -> None:
    """Make ``request`` parse its multipart body with :class:`_NameCheckingParser`.

    Call before anything reads ``request.POST`` (so the view must be ``csrf_exempt`` and
    check CSRF itself with ``csrf_protect``). File names with folders end up in
    ``request.refused_file_names``.
    """
    request.refused_file_names = []

    def parse_file_upload(META, post_data):
        request.upload_handlers = ImmutableList(
            request.upload_handlers,
            warning="You cannot alter upload handlers after the upload has been processed.",
        )
        parser = _NameCheckingParser(
            META,
            post_data,
            request.upload_handlers,
            request.encoding,
            refused=request.refused_file_names,
        )
        return parser.parse()

    request.parse_file_upload = parse_file_upload

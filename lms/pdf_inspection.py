"""Refuse PDFs that could run something when opened (decision 0007).

A PDF is a tree of objects; a viewer runs JavaScript found under a ``/JS`` key (an action of
type ``/JavaScript``, reached from ``/OpenAction``, an annotation, a form field's ``/AA`` or
the document's ``/Names /JavaScript`` tree), starts programs for ``/Launch`` actions, runs
the scripts of XFA forms (``/XFA``), sends or loads data for ``/SubmitForm`` and
``/ImportData`` actions, and offers to open files embedded under ``/EmbeddedFiles`` or a
file specification's ``/EF`` (or jumps into one: ``/GoToE``).
``pdf_refusal`` walks every object reachable from the trailer with pypdf (so compressed
object streams and escaped names such as ``/J#53`` are seen as a viewer sees them) and
returns the first reason to refuse, or ``None`` for an inert PDF.

Encrypted PDFs are refused: their strings cannot be read without the key, and an
unprotected copy is easy to make. A file pypdf cannot parse is refused as damaged.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

# A PDF with more objects than this is not a document a learner or trainer attaches.
MAX_PDF_OBJECTS = 500_000

JAVASCRIPT_KEYS = {"/JS", "/JavaScript"}
EMBEDDED_FILE_KEYS = {"/EmbeddedFiles", "/EF", "/RichMedia"}
DATA_ACTIONS = {"/SubmitForm", "/ImportData"}


def pdf_refusal(file) -> str | None:
    """Why the PDF in ``file`` (a binary file object) must be refused, or ``None``.

    The reason is a translated, lower-case clause for "“name” was refused: …".
    """
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            return _("the PDF is encrypted; save or print an unprotected copy and attach that.")
        return _first_refusal(reader.trailer)
    except Exception as error:  # pypdf raises many kinds (and RecursionError) on hostile input
        logger.info("PDF refused as unreadable: %s: %s", type(error).__name__, error)
        return _("the PDF document is damaged and cannot be checked.")
    finally:
        file.seek(0)


def _first_refusal(root) -> str | None:
    seen: set[tuple[int, int]] = set()
    pending = [root]
    visited = 0
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return _("the PDF document is damaged and cannot be checked.")
        if isinstance(node, DictionaryObject):
            reason = _dictionary_refusal(node)
            if reason:
                return reason
            pending.extend(node.values())
        elif isinstance(node, ArrayObject):
            pending.extend(node)
    return None


def _dictionary_refusal(node: DictionaryObject) -> str | None:
    keys = set(node.keys())
    action = node.get("/S")
    if keys & JAVASCRIPT_KEYS or action == "/JavaScript":
        return _("the PDF contains JavaScript.")
    if "/XFA" in keys:
        return _("the PDF contains an XFA form, which can run scripts.")
    if action == "/Launch":
        return _("the PDF would start another program.")
    if action in DATA_ACTIONS:
        return _("the PDF would send or load data when opened or clicked.")
    if keys & EMBEDDED_FILE_KEYS or node.get("/Type") == "/EmbeddedFile" or action == "/GoToE":
        return _("the PDF carries embedded files.")
    return None

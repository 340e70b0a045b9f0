"""Sending files that need a login: case attachments, certificate PDFs, Wagtail documents.

A view checks who may read a file, then hands it to :func:`send_private_file`. With the setting
``PRIVATE_FILES_ACCEL_REDIRECT`` (e.g. ``"/protected/"``, production behind nginx) the response
has no body, only an ``X-Accel-Redirect`` header naming the file under an *internal* location of
the proxy, which then sends the bytes itself; without it (development, tests) Django streams the
file. Either way the response is an ordinary ``HttpResponse`` subclass, so middleware can add
headers to it.

The internal locations, one per storage root (deploy/nginx/academy.conf)::

    <PRIVATE_FILES_ACCEL_REDIRECT>private/<name>   →  PRIVATE_MEDIA_ROOT/<name>
    <PRIVATE_FILES_ACCEL_REDIRECT>media/<name>     →  MEDIA_ROOT/<name>  (Wagtail documents)

:func:`sendfile` does the same for Wagtail's document view (the setting ``SENDFILE_BACKEND`` names
this module). See docs/decisions/0006-private-files.md.

On an object store (FILE_STORAGE=s3, decision 0900) a file has no local path: Django streams it
from the store after the same checks, with the same headers, whether or not
``PRIVATE_FILES_ACCEL_REDIRECT`` is set. The store is never asked for a presigned URL, so a
private object is never readable without the application's credentials.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header
from wagtail.utils import sendfile_streaming_backend

# Storage alias → the name of its internal location under PRIVATE_FILES_ACCEL_REDIRECT.
ACCEL_LOCATIONS = {"private": "private", "default": "media"}


class _NamedStorage(LazyObject):
    """``storages[alias]``, looked up when first used so tests can point it elsewhere."""

    def __init__(self, alias: str):
        super().__init__()
        self.__dict__["_alias"] = alias

    def _setup(self):
        self._wrapped = storages[self.__dict__["_alias"]]


_private = _NamedStorage("private")
_renditions = _NamedStorage("renditions")


def private_storage():
    """Storage callable for FileFields whose files must never have a public URL."""
    return _private


def rendition_storage():
    """``WAGTAILIMAGES_RENDITION_STORAGE``: the public renditions (local MEDIA_ROOT/images/, or
    the public media bucket of the object store)."""
    return _renditions


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting in {"STORAGES", "PRIVATE_MEDIA_ROOT", "MEDIA_ROOT"}:
        _private._wrapped = empty
        _renditions._wrapped = empty


def accel_redirect_url(path: str | Path) -> str:
    """The proxy's internal URL of the file at ``path``; ValueError outside the storage roots."""
    path = Path(path).resolve()
    for alias, location in ACCEL_LOCATIONS.items():
        root = Path(storages[alias].location).resolve()
        if path.is_relative_to(root):
            relative = path.relative_to(root).as_posix()
            return f"{settings.PRIVATE_FILES_ACCEL_REDIRECT}{location}/{quote(relative)}"
    raise ValueError(f"{path} is in no storage the proxy can send files from.")


def local_path(file) -> str | None:
    """The file's path on this server, or None when its storage has none (an object store)."""
    try:
        return file.path
    except NotImplementedError:
        return None


def send_private_file(
    file, *, content_type: str, filename: str, as_attachment: bool = True
) -> HttpResponse:
    """The response that sends a stored file (a ``FieldFile``) once a view has checked access.

    404 when the file is missing from its storage.
    """
    if not file or not file.storage.exists(file.name):
        raise Http404("The file is missing.")
    path = local_path(file)
    if settings.PRIVATE_FILES_ACCEL_REDIRECT and path:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_redirect_url(path)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            file.open("rb"),
            content_type=content_type,
            as_attachment=as_attachment,
            filename=filename,
        )
    response["Cache-Control"] = "private, no-store"
    return response


def sendfile(request, filename, **kwargs) -> HttpResponse:
    """Wagtail's sendfile backend (``SENDFILE_BACKEND``): the proxy sends a document when
    PRIVATE_FILES_ACCEL_REDIRECT is set, else Django streams it (honouring If-Modified-Since).
    Either way no shared cache may keep it: documents need a login."""
    if settings.PRIVATE_FILES_ACCEL_REDIRECT:
        response = HttpResponse()
        response["X-Accel-Redirect"] = accel_redirect_url(filename)
    else:
        response = sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    response["Cache-Control"] = "private, no-store"
    return response


def delete_with_files(rows) -> None:
    """Delete these rows of a model with a ``file`` field, and each one's stored file (from
    whichever storage holds it: local disk or the object store)."""
    for row in rows:
        storage, name = row.file.storage, row.file.name
        row.delete()
        if name:
            storage.delete(name)

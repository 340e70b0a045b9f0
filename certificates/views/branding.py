"""The certificate branding's logo and signature, shown to the staff who may edit the branding.

They live in the private storage (docs/decisions/0006-private-files.md); this view, under the
admin's URLs (``/cms/certificates/branding/<pk>/<field>/``), is the only way to see them outside
a certificate PDF.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.http import Http404
from django.shortcuts import get_object_or_404

from certificates.models import CertificateBranding
from lms.private_files import send_private_file

IMAGE_FIELDS = ("logo", "signature")


def branding_image(request, pk: int, field: str):
    """The stored ``logo`` or ``signature`` file of a branding; 404 unless the user may edit it."""
    if field not in IMAGE_FIELDS or not request.user.has_perm(
        "certificates.change_certificatebranding"
    ):
        raise Http404
    image = getattr(get_object_or_404(CertificateBranding, pk=pk), field)
    if not image:
        raise Http404
    name = PurePosixPath(image.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return send_private_file(image, content_type=content_type, filename=name, as_attachment=False)

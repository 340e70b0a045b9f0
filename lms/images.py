"""Refusing images with too many pixels by their size, read from the file's header.

Pillow refuses to open an image of more than twice ``PIL.Image.MAX_IMAGE_PIXELS`` (a
decompression bomb), so code that opens the image to measure it only learns "not an image" or
"unknown number of pixels". :func:`image_dimensions` reads the width and height from the header
with Pillow's format plugins, which decode nothing, so the refusal can name the size and the
limit: "too large: 30000×30000 pixels, at most 50,000,000 pixels".

Used by the case-report attachments (``cases.uploads``) and by every Wagtail image upload
(branding images, images in pages and the multiple uploader in /cms/) through
``lms.forms.ImageForm``, set as ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from PIL import Image


def image_dimensions(file) -> tuple[int, int] | None:
    """(width, height) from the header of an image file, or None if no format reads it. The
    file position is left where it was."""
    start = file.tell()
    try:
        Image.init()
        prefix = file.read(16)
        for name in Image.ID:
            factory, accept = Image.OPEN[name]
            file.seek(start)
            try:
                if accept is not None and not accept(prefix):
                    continue
                image = factory(file, "")
            except Exception:  # noqa: S112 - a plugin that cannot read the header: try the next
                continue
            return image.size
        return None
    finally:
        file.seek(start)


def too_many_pixels(size: tuple[int, int], max_pixels: int) -> str | None:
    """The refusal of an image of ``size`` with more than ``max_pixels``, or None."""
    width, height = size
    if width * height <= max_pixels:
        return None
    return _("too large: %(width)s×%(height)s pixels, at most %(limit)s pixels") % {
        "width": width,
        "height": height,
        "limit": f"{max_pixels:,}",
    }

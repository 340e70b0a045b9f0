"""QR codes of verification URLs, as inline SVG for the certificate PDF.

The SVG carries no XML declaration so it can sit inside an HTML page; its width and height are
in millimetres, so the printed code has the same physical size whatever renders it.
"""

from __future__ import annotations

import segno

# Error correction M restores about 15 % of damaged modules (a fold, a stain); segno raises
# the level further when that fits in the same symbol version.
ERROR_CORRECTION = "M"
# ISO/IEC 18004 asks for a quiet zone of four modules around the symbol.
QUIET_ZONE_MODULES = 4
# Printed size including the quiet zone: large enough for a phone camera at arm's length.
DEFAULT_SIZE_MM = 32
DARK = "#1b2a4a"


def make_qr(url: str) -> segno.QRCode:
    """The QR code symbol of ``url`` (never a Micro QR, which phones cannot all read)."""
    if not url:
        raise ValueError("A QR code needs a non-empty URL.")
    return segno.make(url, error=ERROR_CORRECTION, micro=False)


def qr_svg(url: str, *, size_mm: float = DEFAULT_SIZE_MM, title: str = "") -> str:
    """An inline ``<svg>`` element (no XML declaration) of the QR code of ``url``.

    The symbol and its quiet zone are ``size_mm`` millimetres square; the dark modules are one
    ``<path>``.
    """
    qr = make_qr(url)
    width, _height = qr.symbol_size(border=QUIET_ZONE_MODULES)
    return qr.svg_inline(
        scale=size_mm / width,
        unit="mm",
        border=QUIET_ZONE_MODULES,
        dark=DARK,
        light=None,
        svgclass="qr-code",
        lineclass=None,
        title=title or None,
    )

"""System checks: certificate PDFs need WeasyPrint's libraries, HarfBuzz to subset fonts, and
the common cut of their font to render fast."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from certificates import fonts

HARFBUZZ_HINT = (
    "Install libharfbuzz-subset0 (HarfBuzz >= 4.1): scripts/system-packages.sh does it on "
    "Debian and Ubuntu."
)


@checks.register("certificates")
def check_pdf_rendering(app_configs=None, **kwargs):
    """Warn when certificate PDFs cannot be rendered, or would be rendered about 50x slower."""
    try:
        # Imported here, not at the top: importing WeasyPrint loads Pango and HarfBuzz, and
        # this check is what reports that they fail to load.
        from certificates.pdf import harfbuzz_subsetting_available
    except OSError as error:  # WeasyPrint could not load Pango or HarfBuzz
        return [
            checks.Warning(
                f"Certificate PDFs cannot be rendered: WeasyPrint failed to load ({error}).",
                hint="Run scripts/system-packages.sh to install Pango, HarfBuzz and the fonts.",
                id="certificates.W002",
            )
        ]
    if not harfbuzz_subsetting_available():
        return [
            checks.Warning(
                "WeasyPrint cannot subset fonts with HarfBuzz and falls back to fontTools: "
                "one certificate with Chinese text takes about 10 s instead of 0.2 s.",
                hint=HARFBUZZ_HINT,
                id="certificates.W001",
            )
        ]
    return []


@checks.register("certificates")
def check_certificate_fonts(app_configs=None, **kwargs):
    """Warn when the common cut of the certificate font is missing (twice as slow without)."""
    if fonts.available_faces():
        return []
    return [
        checks.Warning(
            f"The certificate font's common cut is not in {settings.CERTIFICATE_FONTS_DIR}: "
            "certificates are set in the full Noto Serif CJK SC font, about twice as slow.",
            hint="Run `python manage.py build_certificate_fonts` (make and the deployment "
            "steps do).",
            id="certificates.W003",
        )
    ]

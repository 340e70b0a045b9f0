"""System checks: certificate PDFs need WeasyPrint's libraries, and HarfBuzz to subset fonts."""

from __future__ import annotations

from django.core import checks

HARFBUZZ_HINT = (
    "Install libharfbuzz-subset0 (HarfBuzz >= 4.1): scripts/system-packages.sh does it on "
    "Debian and Ubuntu."
)


@checks.register("certificates")
def check_pdf_rendering(app_configs=None, **kwargs):
    """Warn when certificate PDFs cannot be rendered, or would be rendered about 50x slower."""
    try:
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

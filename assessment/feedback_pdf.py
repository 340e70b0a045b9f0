"""The feedback report (反馈与沟通) as a PDF, rendered by WeasyPrint with an embedded CJK font.

The template ``assessment/feedback_report_pdf.html`` is plain block layout (no nested flex
boxes); the charts are the same inline SVG as on the page.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def render(*, context: dict) -> bytes:
    # Deferred: WeasyPrint loads Pango at import, so only the processes that render load it.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string("assessment/feedback_report_pdf.html", context)
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)

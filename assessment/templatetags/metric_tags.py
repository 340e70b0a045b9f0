"""``{{ record.updated_via|via_label }}``: how a metric record was written, in the page's
language.

``updated_via``/``changed_via`` are written by ``assessment.services.metrics`` as a fixed English
prefix and then a file, token or round name ("upload 七月.csv", "API ERP", "demo data"). The
prefix is shown translated, the name as it was given, marked as user data (``translate="no"``).
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

VIA_LABELS = {
    "demo data": _("demo data"),
    "command import_metrics": _("import command"),
    "upload": _("upload"),
    "file": _("file"),
    "API": _("API"),
    "peer round": _("peer round"),
}


@register.filter
def via_label(via):
    """ "upload 七月.csv" → "上传 七月.csv"; an unknown way is shown as written, marked."""
    if not via:
        return "—"
    for prefix in sorted(VIA_LABELS, key=len, reverse=True):
        if via == prefix or via.startswith(prefix + " "):
            rest = via[len(prefix) :].strip()
            if not rest:
                return VIA_LABELS[prefix]
            return format_html('{} <span translate="no">{}</span>', VIA_LABELS[prefix], rest)
    return format_html('<span translate="no">{}</span>', via)

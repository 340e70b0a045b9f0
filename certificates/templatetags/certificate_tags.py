"""Template filters of certificates: the grade as printed, in the page's language."""

from django import template

from lms.bilingual import wants_english

register = template.Library()


@register.filter
def grade_label(certificate) -> str:
    """The certificate's frozen grade label in the page's language (English or Chinese)."""
    return certificate.grade_label_en if wants_english() else certificate.grade_label_zh

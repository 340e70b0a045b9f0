"""``{{ person.get_full_name|user_data }}``: text people wrote, marked as theirs.

What users typed (names, employee ids, regions, cohort names, comments, answers, file names)
is shown as written, in whatever language they wrote it, inside ``<span translate="no">``:
browsers' page translators leave it alone, and ``tests/test_page_languages.py`` does not count
it as untranslated UI text on the other language's pages. Escaped like any variable.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def user_data(value):
    """``value`` inside ``<span translate="no">``; nothing for None or an empty string."""
    if value is None or value == "":
        return ""
    return format_html('<span translate="no">{}</span>', value)

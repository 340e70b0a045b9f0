"""Template tags of the courses app."""

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _cell_class(value: int) -> str:
    if value == 100:
        return "num cell-done"
    if value == 0:
        return "num cell-none"
    return "num"


@register.simple_tag
def cohort_rows(table, rows):
    """The body rows of a cohort progress table.

    Built in Python rather than with template loops (or ``format_html`` per cell): a cohort of
    200 learners and 30 modules is 6,000 cells. Only the texts are escaped; the numbers are ints.
    """
    if not rows:
        return format_html(
            '<tr><td colspan="{}" class="empty">{}</td></tr>',
            len(table.modules) + 4,
            _("No learners in this cohort yet."),
        )
    lines = []
    for row in rows:
        cells = "".join(
            f'<td class="{_cell_class(v)}" data-sort-value="{v:d}">{v:d}%</td>'
            for v in row.module_percents
        )
        if row.last_activity:
            last = timezone.localtime(row.last_activity)
            last_value, last_text = last.isoformat(), last.strftime("%Y-%m-%d %H:%M")
        else:
            last_value, last_text = "", "—"
        lines.append(
            f'<tr><td translate="no">{escape(row.employee_id or "—")}</td>'
            f'<td translate="no">{escape(row.name)}</td>{cells}'
            f'<td class="num" data-sort-value="{row.percent:d}"><strong>{row.percent:d}%</strong>'
            f'</td><td data-sort-value="{last_value}">{last_text}</td></tr>'
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every text above is escaped

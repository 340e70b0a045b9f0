"""Template tags of the courses app."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from courses import page_cache

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


# Blocks rendered on every request rather than kept with the body: a knowledge check links to
# a quiz of the exams app, whose changes do not reach the course tree's version.
LIVE_BLOCKS = frozenset({"knowledge_check"})


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's body blocks, rendered; kept in the shared cache per page and language
    (decision 0904) except on a preview and for the ``LIVE_BLOCKS``."""
    block_context = context.flatten()
    request = context.get("request")
    if not page.pk or getattr(request, "is_preview", False):
        parts = _body_parts(page, block_context)
    else:
        parts = page_cache.cached(
            page_cache.key("body", page.pk, page.live_revision_id, page_cache.language()),
            lambda: _body_parts(page, block_context),
        )
    return mark_safe(  # noqa: S308  (blocks rendered by their own escaping templates)
        "".join(
            part if part is not None else page.body[index].render_as_block(block_context)
            for index, part in enumerate(parts)
        )
    )


def _body_parts(page, block_context: dict) -> list[str | None]:
    """Each body block's HTML; None in the place of a block rendered per request."""
    return [
        None if block.block_type in LIVE_BLOCKS else str(block.render_as_block(block_context))
        for block in page.body
    ]


@register.simple_tag
def course_outline(outline, current_id=None, expand_id=None):
    """``courses/includes/outline.html``, kept in the shared cache by the outline's source,
    the language, the lesson shown and the state of the reader's lessons: the key changes as
    soon as their progress does, and holds nothing else of theirs (decision 0904)."""
    context = {"outline": outline, "current_id": current_id, "expand_id": expand_id}
    if not outline.source:
        return render_to_string("courses/includes/outline.html", context)
    cache_key = page_cache.key(
        "outline", outline.source, page_cache.language(), current_id, expand_id, outline.state()
    )
    return page_cache.cached(
        cache_key, lambda: render_to_string("courses/includes/outline.html", context)
    )


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """``courses/includes/breadcrumbs.html``: the page's ancestors with links, the same for
    every reader; kept per page, language and host (the links follow the site asked)."""
    request = context.get("request")

    def render():
        return render_to_string(
            "courses/includes/breadcrumbs.html", {"page": page, "request": request}
        )

    if not page.pk or request is None or getattr(request, "is_preview", False):
        return render()
    host = request.get_host()
    return page_cache.cached(
        page_cache.key("breadcrumbs", page.pk, page_cache.language(), host), render
    )

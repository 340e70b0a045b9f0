"""``{% site_header %}``: the header of every page (``includes/header.html``), rendered once per
state and kept in this process.

Rendering the header cost about 1.5 ms of every page (a tenth of a lesson page; decision 0905):
some sixty variables, nine ``{% url %}``, the language switcher. What it shows depends on
few inputs: the language, who is signed in (name, username), their links
(``lms.navigation_cache``), what apps above add for them (the hook ``site_header_values``:
the notifications app's unread count), and which link is the current page. The HTML
is kept per those inputs, all of them in the key, so an entry is never stale: a change of any
input is another key. Two values change on every request and are not in the key: the CSRF
token of the header's two forms and the address the language switcher returns to; the kept
HTML holds a placeholder for each, replaced (escaped) on the way out.

``{% site_header exam=True %}`` is the quiet header of an exam in progress
(``includes/header_exam.html``): the brand, who is signed in and the language switcher, without
the menu, the inbox or any link away from the attempt (decision 0905). It reads neither the
links nor the unread count, so an exam page pays for neither.
"""

from __future__ import annotations

from collections import OrderedDict

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lms.page_panels import merged

register = template.Library()

TEMPLATE = "includes/header.html"
EXAM_TEMPLATE = "includes/header_exam.html"
CSRF_HOLE = "lms-header-csrf-token-placeholder"
NEXT_HOLE = "lms-header-next-placeholder"
ENTRIES = 2048  # a few kilobytes each; the oldest go first
_kept: OrderedDict[tuple, str] = OrderedDict()


def _state(context, request) -> tuple[tuple, dict]:
    """The key of the header's HTML, and the values the template reads besides the
    context's."""
    user = context.get("user") or getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    path = request.path
    items = context.get("nav_items") or []
    values = {
        **(merged("site_header_values", user=user) if signed_in else {}),
        "nav_current_dashboard": path.startswith("/dashboard/"),
        "nav_current_urls": frozenset(
            item.url for item in items if len(item.url) > 1 and item.url in path
        ),
    }
    key = (
        get_language(),
        get_script_prefix(),
        get_urlconf(),
        signed_in,
        (user.pk, user.get_full_name(), user.username) if signed_in else None,
        tuple(context.get("nav_dashboards") or ()),
        tuple((str(item.label), item.url) for item in items),
        bool(context.get("nav_can_cms")),
        tuple(sorted((name, value) for name, value in values.items() if name[:4] != "nav_")),
        values["nav_current_dashboard"],
        tuple(sorted(values["nav_current_urls"])),
    )
    return key, values


def _exam_state(context, request) -> tuple[tuple, dict]:
    """The quiet header's key: it shows only the language and who is signed in."""
    user = context.get("user") or getattr(request, "user", None)
    who = (user.pk, user.get_full_name(), user.username) if user.is_authenticated else None
    return (EXAM_TEMPLATE, get_language(), get_script_prefix(), get_urlconf(), who), {}


@register.simple_tag(takes_context=True)
def site_header(context, exam=False):
    request = context["request"]
    key, values = (_exam_state if exam else _state)(context, request)
    html = _kept.get(key)
    if html is None:
        header = context.template.engine.get_template(EXAM_TEMPLATE if exam else TEMPLATE)
        with context.push(csrf_token=CSRF_HOLE, language_next=NEXT_HOLE, **values):
            html = header.render(context)
        _kept[key] = html
        while len(_kept) > ENTRIES:
            _kept.popitem(last=False)
    token = context.get("csrf_token")
    next_url = context.get("language_next") or request.get_full_path()
    html = html.replace(CSRF_HOLE, escape(str(token) if token else ""))
    # The template escaped the placeholder (letters and dashes: unchanged); the address too.
    return mark_safe(html.replace(NEXT_HOLE, escape(next_url)))  # noqa: S308

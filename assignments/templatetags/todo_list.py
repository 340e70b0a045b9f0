"""``{% todo_list todo recent_days %}``: the body of the learner's to-do list, kept in the cache
by what it shows (decision 0804).

Rendering the list is the dearest part of the learner's dashboard after reading it (25 entries,
each with dates, labels and badges). The HTML depends only on the entries, the language and
the time zone, so it is kept under a key made of those (``todo.fingerprint``): a reader sees
a new rendering the moment anything on their list changes, and readers with the same list
share one.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from assignments.todo import ToDo, fingerprint

register = template.Library()

TEMPLATE = "assignments/learner/todo_list.html"
TIMEOUT = 24 * 60 * 60


@register.simple_tag
def todo_list(todo: ToDo, recent_days: int) -> SafeString:
    parts = (
        TEMPLATE,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        recent_days,
        fingerprint(todo),
    )
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    key = f"assignments:todo-list:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(TEMPLATE, {"todo": todo, "recent_days": recent_days})
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered

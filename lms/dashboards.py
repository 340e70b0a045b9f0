"""Dashboard panels: how apps put their content on the role dashboards.

An app registers a function in its ``wagtail_hooks.py``::

    @hooks.register("learner_dashboard_panels")
    def my_courses(request):
        return Panel(order=10, template="courses/panels/my_courses.html", context={...})

It may return ``None`` to show nothing. Hook names: ``learner_dashboard_panels``,
``trainer_dashboard_panels``, ``assessor_dashboard_panels``,
``manager_dashboard_panels``.

**Kept panels.** Rendering the panels is a quarter of a learner's dashboard. A panel whose
template shows nothing but its context says so with ``kept_by``: a plain value (frozen
dataclasses, tuples, lists, strings, numbers, dates) whose ``repr`` names everything the context
shows, such as the context's rows. Its HTML is then kept in the cache under a key made of the
template, the language, the time zone and ``kept_by`` (decision 0904, fifth round): a reader
sees a new rendering the moment anything shown changes, and readers with the same panel share
one. A kept panel is rendered without the request, so its template cannot read the user, the
request or a CSRF token: what it needs comes in its context. ``tests/lms/test_dashboards.py``
renders every kept panel of a learner with a course, a scorecard and a certificate both ways,
in both languages, and compares them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

KEPT_TIMEOUT = 24 * 60 * 60  # seconds; a kept rendering's key changes with what it shows


@dataclass
class Panel:
    template: str
    order: int = 100
    context: dict = field(default_factory=dict)
    # Everything the context shows, as a plain value: the HTML is kept by it (see above).
    kept_by: Any = None

    def render(self, request) -> SafeString:
        if self.kept_by is None:
            return render_to_string(self.template, self.context, request=request)
        key = self.kept_key()
        html = cache.get(key)
        if html is None:
            html = render_to_string(self.template, self.context)
            cache.set(key, html, KEPT_TIMEOUT)
        return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered

    def kept_key(self) -> str:
        parts = (
            self.template,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            repr(self.kept_by),
        )
        digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
        return f"dashboards:panel:{digest}"


def panels_for(role: str, request) -> list[SafeString]:
    panels = [fn(request) for fn in hooks.get_hooks(f"{role}_dashboard_panels")]
    panels = sorted((p for p in panels if p is not None), key=lambda p: p.order)
    return [panel.render(request) for panel in panels]

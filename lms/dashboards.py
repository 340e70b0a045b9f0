"""Dashboard panels: how apps put their content on the role dashboards.

An app registers a function in its ``wagtail_hooks.py``::

    @hooks.register("learner_dashboard_panels")
    def my_courses(request):
        return Panel(order=10, template="courses/panels/my_courses.html", context={...})

It may return ``None`` to show nothing. Hook names: ``learner_dashboard_panels``,
``trainer_dashboard_panels``, ``assessor_dashboard_panels``,
``manager_dashboard_panels``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import hooks


@dataclass
class Panel:
    template: str
    order: int = 100
    context: dict = field(default_factory=dict)

    def render(self, request) -> SafeString:
        return render_to_string(self.template, self.context, request=request)


def panels_for(role: str, request) -> list[SafeString]:
    panels = [fn(request) for fn in hooks.get_hooks(f"{role}_dashboard_panels")]
    panels = sorted((p for p in panels if p is not None), key=lambda p: p.order)
    return [panel.render(request) for panel in panels]

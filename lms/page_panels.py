"""Panels an app above puts on a page of an app below, without the page's app importing it.

The page's view names a hook and passes what the page is about; each function registered under
that name returns HTML (or ``None`` for nothing)::

    # courses/views.py (the page)
    panels = page_panels("cohort_page_panels", request, cohort_id=cohort.pk)

    # assignments/wagtail_hooks.py (the app above)
    @hooks.register("cohort_page_panels")
    def cohort_assignments(request, *, cohort_id):
        return render_to_string("assignments/panels/cohort.html", {...}, request=request)

The template prints ``{% for panel in panels %}{{ panel }}{% endfor %}``. Hook names in use
(decision 0803): ``cohort_page_panels`` (``cohort_id``), ``team_page_panels`` (``user_ids``),
``case_page_panels`` (``case_id``). For values rather than HTML, :func:`merged` joins the dicts
the functions of a hook return (``case_report_due_dates``: ``pairs`` of (user id, case id) →
the person's due date).
"""

from __future__ import annotations

from django.utils.safestring import SafeString
from wagtail import hooks


def page_panels(name: str, request, **about) -> list[SafeString]:
    """The HTML of each function registered under ``name``, in registration order."""
    found = (fn(request, **about) for fn in hooks.get_hooks(name))
    return [panel for panel in found if panel]


def merged(name: str, **about) -> dict:
    """The dicts returned by the functions registered under ``name``, merged."""
    found: dict = {}
    for fn in hooks.get_hooks(name):
        found.update(fn(**about) or {})
    return found

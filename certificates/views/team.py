"""A manager's team (read only): the people placed in the units they manage and every unit
below them, with course progress, exam and case results, scorecards and certificates.

The pages live here, in the app that sees everything (certificates, and through
``assessment.api`` the courses, exams and cases); the organisation comes from
``lms.organisation`` (decision 0701). Anyone outside the manager's units is a 404, as is the
manager's own line: their record is theirs to open, on their own pages.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from certificates import selectors as certificate_selectors
from certificates.forms import TeamFilterForm
from lms import organisation
from lms.access import manager_required
from lms.page_panels import page_panels

PER_PAGE = 50


def team_scope(user) -> tuple[set[int], list]:
    """The ids of the units ``user`` manages and below, and those units (parents first)."""
    unit_ids = organisation.managed_unit_ids(user)
    units = [unit for unit in organisation.units() if unit.id in unit_ids] if unit_ids else []
    return unit_ids, units


@manager_required
def team(request):
    """The people of the manager's units, 50 a page, filtered by ``?unit=`` (a unit of theirs
    and those below it). Template ``certificates/team.html``; context: ``form``, ``units``,
    ``page``, ``rows``. About 20 queries for any number of people."""
    unit_ids, units = team_scope(request.user)
    form = TeamFilterForm(request.GET or None, units=units)
    chosen = unit_ids
    if form.is_bound and form.is_valid() and form.cleaned_data["unit"] is not None:
        chosen = organisation.units_below([form.cleaned_data["unit"]]) & unit_ids
    members = [m for m in organisation.members(chosen) if m.user_id != request.user.pk]
    page = Paginator(members, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "certificates/team.html",
        {
            "form": form,
            "units": units,
            "page": page,
            "rows": certificate_selectors.team_rows(members=list(page.object_list)),
            "query": query.urlencode(),
            # Other apps' panels about these people (assignments: completion against due dates).
            "panels": page_panels(
                "team_page_panels", request, user_ids={m.user_id for m in members}
            ),
        },
    )


@manager_required
def team_member(request, username: str):
    """One person of the manager's units: placement, course progress, certification exams,
    practice cases, finalised scorecards and certificates (read only). 404 for anyone else.
    Template ``certificates/team_member.html``; context: ``row``."""
    unit_ids, _units = team_scope(request.user)
    found = organisation.members(unit_ids, username=username)
    if not found or found[0].user_id == request.user.pk:
        raise Http404
    (row,) = certificate_selectors.team_rows(members=found)
    return render(request, "certificates/team_member.html", {"row": row})

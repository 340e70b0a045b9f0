"""Deadline overrides on an assignment's page: staff add one (for a person or a unit of its
audience, with the reason) and remove one. Decision 0803."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from assignments import selectors
from assignments.forms.overrides import OverrideForm
from assignments.models import Assignment, DeadlineOverride
from assignments.services import override_grant
from assignments.views.access import staff_required
from lms.http import post_only


def _detail_page(request, pk: int, **_other) -> str:
    get_object_or_404(Assignment, pk=pk)
    return reverse("assignments:staff_detail", kwargs={"pk": pk})


@staff_required
@post_only(redirect_to=_detail_page)
def override_add(request, pk: int):
    """Grant an override (POST). Refused with the form's errors, and what was typed kept, on
    the page ``assignments/staff/override_form.html`` (status 400)."""
    assignment = get_object_or_404(selectors.with_targets(Assignment.objects.all()), pk=pk)
    form = OverrideForm(request.POST, assignment=assignment)
    if form.is_valid():
        override_grant(override=form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("The override is saved."))
        return redirect("assignments:staff_detail", pk=assignment.pk)
    return render(
        request,
        "assignments/staff/override_form.html",
        {"assignment": assignment, "override_form": form},
        status=400,
    )


@staff_required
@post_only(redirect_to=_detail_page)
def override_remove(request, pk: int, override_id: int):
    """Remove an override (POST): the person or unit has the assignment's dates again. One
    removed already (a second click) only says so."""
    assignment = get_object_or_404(Assignment, pk=pk)
    removed, _counts = DeadlineOverride.objects.filter(
        pk=override_id, assignment=assignment
    ).delete()
    if removed:
        messages.success(request, _("The override is removed."))
    else:
        messages.info(request, _("This override was removed already."))
    return redirect("assignments:staff_detail", pk=pk)

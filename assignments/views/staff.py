"""The staff's assignment pages: the list with completion, assigning, editing, deleting, and
one assignment's people with their state and own dates (decision 0803).

Trainers and assessors only (``staff_required``); every one of them sees every assignment.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assignments import completion, selectors
from assignments.forms.overrides import OverrideForm
from assignments.forms.staff import AssignmentFilterForm, AssignmentForm, PeopleFilterForm
from assignments.models import Assignment, DeadlineOverride
from assignments.views.access import staff_required
from courses import api as courses
from lms import exports, organisation
from lms.bilingual import localized

PER_PAGE = 25
PEOPLE_PER_PAGE = 100


def _audience_summaries(assignments: list[Assignment]) -> dict[int, dict]:
    """Assignment id → the names of its cohorts and units and its number of named people
    (3 queries)."""
    found = {a.pk: {"cohorts": [], "units": [], "people": 0} for a in assignments}
    ids = list(found)
    cohorts = Assignment.cohorts.through.objects.filter(assignment_id__in=ids)
    for assignment_id, name in cohorts.values_list("assignment_id", "cohort__name"):
        found[assignment_id]["cohorts"].append(name)
    units = Assignment.units.through.objects.filter(assignment_id__in=ids)
    for assignment_id, path in units.values_list("assignment_id", "orgunit__path"):
        found[assignment_id]["units"].append(path)
    people = Assignment.people.through.objects.filter(assignment_id__in=ids)
    for assignment_id in people.values_list("assignment_id", flat=True):
        found[assignment_id]["people"] += 1
    return found


def course_titles() -> dict[int, str]:
    """Course page id → its title in the page's language (cohorts' courses; 2 queries)."""
    return {course.id: course.title for course in courses.course_choices()}


def target_title(assignment: Assignment, course_titles: dict[int, str]):
    """What is assigned, in the page's language (a ``Localized`` marks a Chinese fallback)."""
    target = assignment.target
    if assignment.kind == Assignment.Kind.COURSE:
        return course_titles.get(target.pk, target.title)
    return localized(target, "name" if assignment.kind == Assignment.Kind.PROGRAM else "title")


@staff_required
@require_GET
def assignment_list(request):
    """Every assignment, soonest due first, 25 a page, filtered by ``?kind=`` and
    ``?status=upcoming|open|past_due``, each with what, to whom, its dates and "7 / 12 done,
    2 overdue". Template ``assignments/staff/list.html``. About 25 queries for any number."""
    now = timezone.now()
    form = AssignmentFilterForm(request.GET or None)
    assignments = selectors.with_targets(Assignment.objects.all()).order_by("due_at", "pk")
    assignments = form.apply(assignments, now=now) if form.is_bound else assignments
    page = Paginator(assignments, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    done = completion.completions(shown, now=now)
    audiences = _audience_summaries(shown)
    titles = course_titles()
    rows = [
        {
            "assignment": a,
            "title": target_title(a, titles),
            "completion": done[a.pk],
            "to": audiences[a.pk],
        }
        for a in shown
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assignments/staff/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
        },
    )


def _edit(request, assignment: Assignment | None):
    form = AssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if assignment is None:
            saved.created_by = request.user
        saved.save()
        form.save_m2m()
        if assignment is None:
            messages.success(request, _("Assigned."))
        else:
            messages.success(request, _("The assignment is saved."))
        return redirect("assignments:staff_detail", pk=saved.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "assignment": assignment}
    return render(request, "assignments/staff/form.html", context, status=status)


@staff_required
def assignment_new(request):
    """Assign: the form, and on POST the new assignment. Template
    ``assignments/staff/form.html``; what was typed stays when it is refused (status 400)."""
    return _edit(request, None)


@staff_required
def assignment_edit(request, pk: int):
    """Change an assignment's target, audience, dates or note; same template as ``new``."""
    return _edit(request, get_object_or_404(Assignment, pk=pk))


@staff_required
def assignment_delete(request, pk: int):
    """Ask, then (POST) delete the assignment and its overrides. Template
    ``assignments/staff/delete.html``."""
    assignment = get_object_or_404(selectors.with_targets(Assignment.objects.all()), pk=pk)
    if request.method == "POST":
        assignment.delete()
        messages.success(request, _("The assignment is deleted."))
        return redirect("assignments:staff_list")
    people = len(selectors.audience([assignment])[assignment.pk])
    return render(
        request,
        "assignments/staff/delete.html",
        {
            "assignment": assignment,
            "title": target_title(assignment, course_titles()),
            "people": people,
        },
    )


def _detail_data(request, assignment: Assignment):
    units = organisation.units()
    form = PeopleFilterForm(request.GET or None, units=units, cohorts=courses.cohorts())
    unit_id = cohort_id = None
    if form.is_bound and form.is_valid():
        unit_id, cohort_id = form.cleaned_data["unit"], form.cleaned_data["cohort"]
    rows = completion.people_rows(assignment, unit_id=unit_id, cohort_id=cohort_id)
    return form, rows


@staff_required
@require_GET
def assignment_detail(request, pk: int):
    """One assignment: every person of its audience with their state, percent, own due date
    (an override named with who granted it and why) and whether they are late, 100 a page,
    filtered by ``?unit=`` (and the units below) and ``?cohort=``; the overrides and the form to
    add one. Template ``assignments/staff/detail.html``. About 35 queries for any number."""
    assignment = get_object_or_404(selectors.with_targets(Assignment.objects.all()), pk=pk)
    form, rows = _detail_data(request, assignment)
    page = Paginator(rows, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    overrides = DeadlineOverride.objects.filter(assignment=assignment).select_related(
        "user", "unit", "granted_by"
    )
    return render(
        request,
        "assignments/staff/detail.html",
        {
            "assignment": assignment,
            "form": form,
            "page": page,
            "summary": {
                "people": len(rows),
                "done": sum(1 for row in rows if row.progress.done),
                "overdue": sum(1 for row in rows if row.overdue),
            },
            "overrides": list(overrides),
            "override_form": OverrideForm(assignment=assignment),
            "title": target_title(assignment, course_titles()),
            "query": query.urlencode(),
            "audience": _audience_summaries([assignment])[assignment.pk],
        },
    )


@staff_required
@require_GET
def assignment_export(request, pk: int):
    """The detail page's table (with its filters) as CSV, UTF-8 with a BOM for Excel; 404 for
    a filter naming no unit or cohort."""
    assignment = get_object_or_404(selectors.with_targets(Assignment.objects.all()), pk=pk)
    form, rows = _detail_data(request, assignment)
    if form.is_bound and not form.is_valid():
        raise Http404  # an unknown unit or cohort: never everyone unasked
    header = [
        _("Employee ID"),
        _("Name"),
        _("Unit"),
        _("State"),
        _("Percent"),
        _("Due"),
        _("Overdue"),
        _("Override"),
    ]
    body = [
        [
            row.employee_id,
            row.name,
            row.units,
            str(row.state_label),
            "" if row.progress.percent is None else row.progress.percent,
            timezone.localtime(row.dates.due_at).strftime("%Y-%m-%d %H:%M"),
            _("yes") if row.overdue else "",
            row.dates.override.reason if row.dates.override else "",
        ]
        for row in rows
    ]
    stem = f"assignment-{assignment.pk}-{timezone.localdate():%Y%m%d}"
    return exports.csv_response(f"{stem}.csv", header, body)

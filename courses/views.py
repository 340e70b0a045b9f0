"""Views of the courses app (the course pages themselves are served by Wagtail: see
``courses.models``)."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses import selectors, services
from courses.forms import CohortUnitForm
from courses.models import LessonPage
from courses.progress import sort_rows
from lms import exports, organisation
from lms.http import post_only
from lms.page_panels import page_panels


def _progress_payload(lesson: LessonPage, user) -> dict:
    _course, outline = selectors.course_and_outline(course_path=lesson.course_path(), user=user)
    module = outline.module_of(lesson.pk)
    item = outline.lesson(lesson.pk)
    return {
        "completed": bool(item and item.completed),
        "course": {
            "percent": outline.percent,
            "completed": outline.completed,
            "total": outline.total,
        },
        "module": {
            "id": module.id if module else None,
            "percent": module.percent if module else 0,
            "completed": module.completed if module else 0,
            "total": module.total if module else 0,
        },
    }


def _lesson_of(request, page_id: int) -> tuple[str, str]:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    message = _("To mark the lesson complete, use the button at the end of the lesson.")
    return lesson.get_url(request) or "/", message


@login_required
@post_only(redirect_to=_lesson_of)
def lesson_complete(request, page_id: int):
    """Mark a lesson complete (``action=undo`` takes it back).

    Without JavaScript the browser is sent back to ``next`` (the lesson); a request that asks
    for JSON gets the new course and module progress. 404 for a missing or unpublished lesson,
    403 for a lesson of a locked module; nothing is recorded then.
    """
    lesson = get_object_or_404(LessonPage, pk=page_id)
    undo = request.POST.get("action") == "undo"
    try:
        if undo:
            services.lesson_mark_incomplete(user=request.user, lesson=lesson)
        else:
            services.lesson_mark_complete(user=request.user, lesson=lesson)
    except services.LessonUnavailable as exc:
        raise Http404 from exc
    except services.LessonLocked as exc:
        raise PermissionDenied from exc

    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(_progress_payload(lesson, request.user))
    if undo:
        messages.info(request, _("The lesson is marked as not completed."))
    else:
        messages.success(request, _("Lesson completed. Well done!"))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = lesson.get_url(request) or "/"
    return redirect(next_url)


@login_required
@require_GET
def course_index(request):
    """The "Courses" menu item: the course index in the reader's language."""
    url = selectors.course_index_url(request)
    if url is None:
        raise Http404
    return redirect(url)


@login_required
@require_GET
def search(request):
    """Search lessons. Template ``courses/search.html``; context: ``query``, ``hits``."""
    query = request.GET.get("q", "").strip()[:200]
    hits = selectors.search_lessons(query=query, request=request) if query else []
    return render(request, "courses/search.html", {"query": query, "hits": hits})


SORT_DEFAULT = "employee_id"


def _sorted_table(request, table, prefix=""):
    key = request.GET.get(f"{prefix}sort", SORT_DEFAULT)
    descending = request.GET.get(f"{prefix}dir") == "desc"
    rows = sort_rows(list(table.rows), key=key, descending=descending)
    return rows, key, descending


def _cohort_in_unit(request, cohort_id: int, *, strict: bool = False):
    """The cohort (404 unless the user trains it), its table limited to the unit chosen in
    ``?unit=`` (and the units below it), and the filter form. An unknown unit is the form's
    error on the page, and a 404 for an export (``strict``): never everyone unasked."""
    cohort = selectors.cohort_for_trainer(user=request.user, cohort_id=cohort_id)
    if cohort is None:
        raise Http404
    table = selectors.cohort_tables(cohorts=[cohort])[0]
    form = CohortUnitForm(request.GET or None, units=organisation.units())
    if strict and form.is_bound and not form.is_valid():
        raise Http404
    if form.is_bound and form.is_valid() and form.cleaned_data["unit"] is not None:
        people = organisation.people_below([form.cleaned_data["unit"]])
        table = replace(table, rows=tuple(row for row in table.rows if row.user_id in people))
    return cohort, table, form


@login_required
@require_GET
def cohort_progress(request, cohort_id: int):
    """A cohort's learners × modules table. Template ``courses/cohort_progress.html``.

    Trainers of the cohort and administrators only; anyone else gets 404. Sort with
    ``?sort=name|employee_id|percent|last_activity|m<N>&dir=asc|desc``; ``?unit=<id>`` keeps
    the learners placed in that unit or below it.
    """
    cohort, table, form = _cohort_in_unit(request, cohort_id)
    rows, sort, descending = _sorted_table(request, table)
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    return render(
        request,
        "courses/cohort_progress.html",
        {
            "table": table,
            "rows": rows,
            "sort": sort,
            "descending": descending,
            "form": form,
            "sort_query": f"unit={unit}&" if unit is not None else "",
            # Other apps' panels about the cohort (assignments: completion against due dates).
            "panels": page_panels("cohort_page_panels", request, cohort_id=cohort.pk),
        },
    )


def _export_rows(table, rows):
    header = [
        _("Employee ID"),
        _("Name"),
        *[f"{module.number}. {module.title}" for module in table.modules],
        _("Overall %"),
        _("Completed lessons"),
        _("Last activity"),
    ]
    body = []
    for row in rows:
        last = timezone.localtime(row.last_activity) if row.last_activity else None
        body.append(
            [
                row.employee_id,
                row.name,
                *row.module_percents,
                row.percent,
                row.completed,
                last.strftime("%Y-%m-%d %H:%M") if last else "",
            ]
        )
    return header, body


@login_required
@require_GET
def cohort_export(request, cohort_id: int, fmt: str):
    """The cohort table as CSV (UTF-8 with BOM, for Excel) or XLSX, sorted as on screen."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cohort, table, _form = _cohort_in_unit(request, cohort_id, strict=True)
    rows, _sort, _desc = _sorted_table(request, table)
    header, body = _export_rows(table, rows)
    stem = f"cohort-{cohort.pk}-progress-{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        return exports.csv_response(f"{stem}.csv", header, body)
    return exports.xlsx_response(
        f"{stem}.xlsx", header, body, title=_("Progress"), freeze_panes="C2"
    )

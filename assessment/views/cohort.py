"""The cohort table: every engineer's scorecard for a program and period, sortable, exportable,
with a histogram of totals."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from assessment import charts, explain, inputs, scoring
from assessment.forms.cohorts import CohortFilterForm
from assessment.selectors.cohorts import cohort_scorecards, summarise, total_histogram
from assessment.selectors.metrics import metric_periods
from assessment.selectors.schemes import programs_with_active_version
from assessment.selectors.scorecards import latest_revisions
from lms import exports, organisation
from lms.access import assessor_required
from lms.bilingual import pick

PER_PAGE = 100
FIXED_SORTS = ("employee_id", "name", "status", "grade", "total", "exam", "practice", "on_the_job")


@dataclass
class Selection:
    form: CohortFilterForm
    program: object = None
    version: object = None
    period: str = ""
    cohort_id: int | None = None
    people: set[int] | None = None  # those placed in the chosen unit or below; None: everyone
    periods: tuple = ()


def _select(request) -> Selection:
    programs = list(programs_with_active_version())
    code = request.GET.get("program") or (programs[0].code if programs else "")
    program = next((p for p in programs if p.code == code), None)
    version = program.active_version if program else None
    periods = metric_periods(indicator_codes=version.scheme().indicator_codes) if version else []
    cohorts = inputs.cohorts(course_id=program.course_id) if program else []
    data = {
        "program": code,
        "period": request.GET.get("period") or (periods[0] if periods else ""),
        "cohort": request.GET.get("cohort", ""),
        "unit": request.GET.get("unit", ""),
    }
    form = CohortFilterForm(
        data, programs=programs, periods=periods, cohorts=cohorts, units=organisation.units()
    )
    selection = Selection(form=form, periods=tuple(periods))
    if program is None or not form.is_valid():
        return selection
    selection.program = program
    selection.version = version
    selection.period = form.cleaned_data["period"]
    selection.cohort_id = form.cleaned_data["cohort"]
    if form.cleaned_data["unit"] is not None:
        selection.people = organisation.people_below([form.cleaned_data["unit"]])
    return selection


def _sort_key(sort: str):
    field = sort.lstrip("-")

    def key(card):
        result = card.result
        if field == "employee_id":
            return card.engineer.employee_id
        if field == "name":
            return card.engineer.name
        if field == "status":
            return scoring.STATUSES.index(result.status)
        if field == "grade":
            return result.total  # grades follow the total
        if field == "total":
            return result.total
        if field in scoring.COMPONENTS:
            return result.component(field).score
        if field.startswith("d:"):
            code = field[2:]
            return next((d.score for d in result.dimensions if d.code == code), None)
        return card.engineer.employee_id

    return key


def sort_cards(cards, sort: str):
    """Sort by a column; empty values go last in both directions."""
    key = _sort_key(sort)
    present = [c for c in cards if key(c) is not None]
    absent = [c for c in cards if key(c) is None]
    present.sort(key=key, reverse=sort.startswith("-"))
    return present + absent


def _valid_sort(sort: str, version) -> str:
    field = sort.lstrip("-")
    dimension_codes = {f"d:{d.code}" for d in version.scheme().dimensions} if version else set()
    return sort if field in FIXED_SORTS or field in dimension_codes else "employee_id"


@assessor_required
def cohort(request):
    """Template ``assessment/cohort.html``; context: ``form``, ``selection``, ``page``,
    ``summary``, ``histogram``, ``sort``, ``dimensions``, ``revisions``."""
    selection = _select(request)
    context = {"form": selection.form, "selection": selection}
    if selection.program is None or not selection.period:
        return render(request, "assessment/cohort.html", context)
    cards = cohort_scorecards(
        program=selection.program,
        period=selection.period,
        cohort_id=selection.cohort_id,
        within=selection.people,
    )
    sort = _valid_sort(request.GET.get("sort", "employee_id"), selection.version)
    cards = sort_cards(cards, sort)
    results = [c.result for c in cards]
    page = Paginator(cards, PER_PAGE).get_page(request.GET.get("page"))
    scheme = selection.version.scheme()
    context.update(
        {
            "page": page,
            "sort": sort,
            "dimensions": [
                {"code": d.code, "name": pick(d.name, d.name_en)} for d in scheme.dimensions
            ],
            "grade_labels": {
                band: explain.grade_label(band, scheme)
                for band in [b.code for b in scheme.grade_bands] + [scoring.FAIL_GRADE]
            },
            "summary": summarise(results),
            "histogram": charts.histogram(
                total_histogram(results),
                title=_("Totals of %(count)d engineers") % {"count": len(results)},
                pass_mark=scheme.pass_mark,
            ),
            "revisions": latest_revisions(program=selection.program, period=selection.period),
            "query": request.GET.urlencode(),
            "base_query": _query_without(request, ("sort", "page")),
        }
    )
    return render(request, "assessment/cohort.html", context)


def _query_without(request, names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def cohort_rows(cards, scheme):
    header = [
        _("Employee ID"),
        _("Name"),
        _("Department"),
        _("Region"),
        _("Status"),
        _("Grade"),
        _("Total"),
        str(explain.COMPONENT_LABELS[scoring.EXAM]),
        str(explain.COMPONENT_LABELS[scoring.PRACTICE]),
        str(explain.COMPONENT_LABELS[scoring.ON_THE_JOB]),
        *[str(pick(d.name, d.name_en)) for d in scheme.dimensions],
        _("Reasons"),
    ]
    rows = []
    for card in cards:
        result = card.result
        rows.append(
            [
                card.engineer.employee_id,
                card.engineer.name,
                card.engineer.department,
                card.engineer.region,
                explain.status_label(result.status),
                explain.grade_label(result.grade, scheme) if result.grade else "",
                scoring.display(result.total),
                *[scoring.display(result.component(c).score) for c in scoring.COMPONENTS],
                *[scoring.display(d.score) for d in result.dimensions],
                " ".join(explain.reasons(result, card.titles)),
            ]
        )
    return header, rows


@assessor_required
def cohort_export(request, fmt):
    """The cohort table as CSV or XLSX (all rows, the table's order)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    selection = _select(request)
    if selection.program is None or not selection.period:
        raise Http404
    cards = cohort_scorecards(
        program=selection.program,
        period=selection.period,
        cohort_id=selection.cohort_id,
        within=selection.people,
    )
    cards = sort_cards(
        cards, _valid_sort(request.GET.get("sort", "employee_id"), selection.version)
    )
    header, rows = cohort_rows(cards, selection.version.scheme())
    filename = f"scorecards-{selection.program.code}-{selection.period}.{fmt}"
    if fmt == "csv":
        return exports.csv_response(filename, header, rows)
    return exports.xlsx_response(filename, header, rows, title=selection.period)

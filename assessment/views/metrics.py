"""On-the-job metrics for assessors: the records, their history, export and the upload with a
preview (nothing is written until the assessor commits a file without errors)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessment.errors import AssessmentError
from assessment.forms.metrics import MetricUploadForm
from assessment.metric_rows import CREATE, UNCHANGED, UPDATE
from assessment.models import MetricImport, MetricRecord
from assessment.selectors.engineers import engineers_by_ids
from assessment.selectors.metrics import all_metric_periods, metric_records
from assessment.selectors.schemes import indicator_catalog
from assessment.services.metrics import (
    metric_upload_commit,
    metric_upload_create,
    metric_upload_preview,
)
from lms import exports
from lms.access import assessor_required

PER_PAGE = 100
SHOWN_ERRORS = 200
SHOWN_ROWS = 50


def _filters(request) -> dict:
    return {
        "period": request.GET.get("period", "").strip()[:7],
        "indicator": request.GET.get("indicator", "").strip()[:64],
        "employee_id": request.GET.get("employee_id", "").strip()[:32],
    }


@assessor_required
def metric_list(request):
    """Metric records, filtered by period, indicator and employee ID.

    Template ``assessment/metrics.html``; context: ``page``, ``filters``, ``periods``,
    ``catalog``, ``imports``.
    """
    filters = _filters(request)
    records = metric_records(**filters)
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/metrics.html",
        {
            "page": page,
            "filters": filters,
            "periods": all_metric_periods(),
            "catalog": indicator_catalog(),
            "imports": MetricImport.objects.filter(uploaded_by=request.user)[:5],
            "query": request.GET.urlencode(),
        },
    )


@assessor_required
def metric_export(request):
    """The filtered records as CSV in the import format, to correct and import again."""
    records = metric_records(**_filters(request))
    rows = (
        [r.employee.employee_id, r.indicator, r.period, r.value, r.source, r.note]
        for r in records.iterator(chunk_size=2000)
    )
    header = ["employee_id", "indicator", "period", "value", "source", "note"]
    return exports.csv_response("metrics.csv", header, rows)


@assessor_required
def metric_history(request, pk):
    """One record and every earlier value. Template ``assessment/metric_history.html``;
    context: ``record``, ``history``, ``indicator`` (its name and unit, None if the schemes no
    longer have it)."""
    record = get_object_or_404(MetricRecord.objects.select_related("employee", "updated_by"), pk=pk)
    return render(
        request,
        "assessment/metric_history.html",
        {
            "record": record,
            "history": record.history.select_related("changed_by"),
            "indicator": indicator_catalog().get(record.indicator),
        },
    )


@require_http_methods(["GET", "POST"])
@assessor_required
def metric_upload(request):
    """Upload a metrics file; it is kept for a preview and nothing is imported yet.

    Template ``assessment/metric_upload.html``; context: ``form``.
    """
    form = MetricUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = metric_upload_create(uploaded_file=form.cleaned_data["file"], by=request.user)
        return redirect("assessment:metrics_import", pk=upload.pk)
    return render(
        request,
        "assessment/metric_upload.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@assessor_required
def metric_import(request, pk):
    """The preview of an uploaded file (GET) and its commit (POST), for its uploader only.

    Template ``assessment/metric_import.html``; context: ``upload``, ``result``, ``errors``,
    ``rows``, ``counts``, ``form`` (to upload a corrected file).
    """
    upload = get_object_or_404(MetricImport, pk=pk, uploaded_by=request.user)
    if request.method == "POST":
        try:
            result = metric_upload_commit(
                upload=upload,
                by=request.user,
                reason=request.POST.get("reason", ""),
                request=request,
            )
        except AssessmentError as exc:
            messages.error(request, str(exc))
            return redirect("assessment:metrics_import", pk=pk)
        if result.counts is not None:
            messages.success(
                request,
                _(
                    "Imported %(name)s: %(created)d created, %(updated)d updated, "
                    "%(unchanged)d unchanged."
                )
                % {
                    "name": upload.original_name,
                    "created": result.counts.created,
                    "updated": result.counts.updated,
                    "unchanged": result.counts.unchanged,
                },
            )
            return redirect("assessment:metrics_import", pk=pk)
        messages.error(request, _("The file has errors; nothing was imported."))
        return redirect("assessment:metrics_import", pk=pk)
    context = {"upload": upload, "form": MetricUploadForm()}
    if upload.status == MetricImport.Status.PREVIEWED:
        result = metric_upload_preview(upload=upload)
        plan = result.plan
        names = engineers_by_ids({row.user_id for row in plan.rows[:SHOWN_ROWS]})
        context.update(
            {
                "result": result,
                "errors": result.errors[:SHOWN_ERRORS],
                "more_errors": max(0, len(result.errors) - SHOWN_ERRORS),
                "rows": [(row, names.get(row.user_id)) for row in plan.rows[:SHOWN_ROWS]],
                "more_rows": max(0, len(plan.rows) - SHOWN_ROWS),
                "counts": {
                    "create": plan.count(CREATE),
                    "update": plan.count(UPDATE),
                    "unchanged": plan.count(UNCHANGED),
                },
            }
        )
    return render(request, "assessment/metric_import.html", context)

"""Issued certificates: the holder's list and download; the assessors' list, revocation,
bulk issue with its progress, and a program period's certificates as one PDF.

PDFs come from the private storage through these views only: to the holder and to assessors;
anyone else gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment import api as assessment_api
from certificates import bulk, issuing, pdf
from certificates import selectors as certificate_selectors
from certificates.forms import BulkIssueForm, CertificateFilterForm, RevokeForm
from certificates.models import BulkIssueJob, Certificate
from certificates.models.certificates import stalled_after
from lms import api as lms_api
from lms.access import assessor_required
from lms.http import post_only
from lms.private_files import send_private_file

LIST_LIMIT = 500
MERGE_LIMIT = 1000


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_certificates(request):
    """The signed-in user's certificates with download and share links.

    Template ``certificates/my_certificates.html``; context: ``certificates``, each
    with ``share_url`` and ``renewal_due`` (the date a renewal assigned to the holder is due by).
    """
    certificates = list(certificate_selectors.own_certificates(user=request.user))
    renewals = certificate_selectors.renewals_due(c.pk for c in certificates)
    for certificate in certificates:
        certificate.share_url = issuing.verify_url(certificate.code)
        certificate.renewal_due = renewals.get(certificate.pk)
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


@login_required
def certificate_download(request, serial):
    """The stored PDF, byte for byte as issued; the holder's own or any for assessors."""
    certificate = get_object_or_404(Certificate, serial=serial)
    if certificate.holder_id != request.user.pk and not lms_api.is_assessor(request.user):
        raise Http404
    if not certificate.pdf:  # removed with the holder's personal data (decision 1002)
        raise Http404
    return send_private_file(
        certificate.pdf, content_type="application/pdf", filename=f"{certificate.serial}.pdf"
    )


@assessor_required
def certificate_list(request):
    """Certificates filtered by program, period, status and expiry; the bulk issue form and
    the latest bulk issues. Template ``certificates/certificate_list.html``."""
    form = CertificateFilterForm(request.GET or None)
    certificates = Certificate.objects.none()
    filters = {}
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        filters = {
            "program_code": data["program"].code if data.get("program") else "",
            "period": data.get("period", ""),
            "status": data.get("status", ""),
            "expiring_within": data.get("expiring_within"),
        }
        certificates = certificate_selectors.certificate_list(**filters)
    rows = list(certificates[: LIST_LIMIT + 1])
    return render(
        request,
        "certificates/certificate_list.html",
        {
            "form": form,
            "certificates": rows[:LIST_LIMIT],
            "truncated": len(rows) > LIST_LIMIT,
            "limit": LIST_LIMIT,
            "filters": filters,
            "issue_form": BulkIssueForm(),
            "jobs": certificate_selectors.bulk_issue_jobs(),
        },
    )


@assessor_required
def certificate_detail(request, serial):
    """One certificate for assessors, with the revocation form.

    Template ``certificates/certificate_detail.html``; context: ``certificate``, ``form``,
    ``renewal_due`` (the date the holder's renewal is due by, if one is to do).
    """
    certificate = get_object_or_404(
        Certificate.objects.select_related(
            "program", "holder", "issued_by", "revoked_by", "superseded_by", "scorecard"
        ),
        serial=serial,
    )
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "form": RevokeForm(),
            "verify_url": issuing.verify_url(certificate.code),
            "renewal_due": certificate_selectors.renewals_due([certificate.pk]).get(certificate.pk),
        },
    )


def _detail_page(request, serial) -> tuple[str, str]:
    certificate = get_object_or_404(Certificate, serial=serial)
    url = reverse("certificates:certificate_detail", kwargs={"serial": certificate.serial})
    if certificate.revoked_at:
        return url, _("This certificate is revoked already.")
    return url, _("To revoke the certificate, use the form on this page.")


@assessor_required
@post_only(redirect_to=_detail_page)
def certificate_revoke(request, serial):
    certificate = get_object_or_404(Certificate.objects.select_related("program"), serial=serial)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            issuing.certificate_revoke(
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except assessment_api.AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Certificate %(serial)s is revoked.") % {"serial": serial})
            return redirect("certificates:certificate_detail", serial=serial)
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "form": form,
            "verify_url": issuing.verify_url(certificate.code),
        },
        status=400 if form.errors else 200,
    )


@assessor_required
@post_only(
    redirect_to="certificates:certificate_list",
    message=gettext_lazy("To issue certificates, use the form below."),
)
def bulk_issue(request):
    """Start issuing a program period's certificates in the background."""
    form = BulkIssueForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("certificates:certificate_list")
    try:
        job = bulk.bulk_issue_start(
            program=form.cleaned_data["program"],
            period=form.cleaned_data["period"],
            by=request.user,
        )
    except assessment_api.AssessmentError as error:
        messages.error(request, str(error))
        return redirect("certificates:certificate_list")
    return redirect("certificates:bulk_issue_job", pk=job.pk)


@assessor_required
def bulk_issue_job(request, pk):
    """Progress of a bulk issue, "n of m"; the page refreshes itself until it is finished, and
    says when the job is stalled (no worker for ``stalled_after`` seconds).

    Template ``certificates/bulk_issue_job.html``; context: ``job``, ``stalled_after``.
    """
    job = get_object_or_404(BulkIssueJob.objects.select_related("program"), pk=pk)
    return render(
        request,
        "certificates/bulk_issue_job.html",
        {"job": job, "stalled_after": stalled_after()},
    )


@assessor_required
def merged_pdf(request):
    """The stored PDFs of the filtered certificates (program and period required) as one file."""
    form = CertificateFilterForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        raise Http404
    program = form.cleaned_data.get("program")
    period = form.cleaned_data.get("period")
    if program is None or not period:
        messages.error(request, _("Choose a program and a period to download their PDFs."))
        return redirect("certificates:certificate_list")
    certificates = certificate_selectors.certificate_list(
        program_code=program.code,
        period=period,
        status=form.cleaned_data.get("status", ""),
        expiring_within=form.cleaned_data.get("expiring_within"),
    )
    certificates = list(certificates[: MERGE_LIMIT + 1])
    if not certificates:
        messages.error(request, _("No certificate matches these filters."))
        return redirect("certificates:certificate_list")
    if len(certificates) > MERGE_LIMIT:
        messages.error(
            request,
            _("More than %(limit)d certificates match; narrow the filters.")
            % {"limit": MERGE_LIMIT},
        )
        return redirect("certificates:certificate_list")
    # An erased holder's PDF is gone (decision 1002): the others are merged.
    stored = [certificate for certificate in certificates if certificate.pdf]
    merged = pdf.merge_pdfs([certificate.read_pdf() for certificate in stored])
    return _pdf_response(merged, f"{program.code}-{period}-certificates.pdf")

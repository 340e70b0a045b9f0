"""Upload a roster, see what would change, confirm: the import's page in /cms/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import roles
from people.forms import RosterUploadForm
from people.models import RosterUpload
from people.services.roster import KINDS, ImportFailed, roster_import

TEMPLATE = "people/admin/roster_import.html"


def administrators_only(user):
    """People administration and the roster import are for administrators only."""
    if not roles.has_role(user, roles.ADMINISTRATOR):
        raise PermissionDenied


def upload_view(request):
    """Upload: the file is checked and kept; the preview shows what would change."""
    administrators_only(request.user)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # One pending upload per administrator: an older preview that was never applied goes.
        RosterUpload.objects.filter(uploaded_by=request.user, applied_at=None).delete()
        kept = RosterUpload.objects.create(
            uploaded_by=request.user, filename=upload.name[:255], data=upload.read()
        )
        suffix = "?deactivate_missing=1" if form.cleaned_data["deactivate_missing"] else ""
        return redirect(f"{request.path}{kept.pk}/{suffix}")
    return TemplateResponse(request, TEMPLATE, {"form": form})


def preview_view(request, pk):
    """GET: a dry run of the kept file. POST: apply it (checked again, all or nothing)."""
    administrators_only(request.user)
    upload = get_object_or_404(RosterUpload, pk=pk, uploaded_by=request.user)
    if upload.applied_at is not None:
        raise Http404
    deactivate = (
        request.POST.get("deactivate_missing", request.GET.get("deactivate_missing")) == "1"
    )
    apply = request.method == "POST"
    try:
        report = roster_import(
            data=bytes(upload.data),
            filename=upload.filename,
            dry_run=not apply,
            deactivate_missing=deactivate,
            by=request.user,
            request=request,
        )
    except ImportFailed as failure:
        context = {"upload": upload, "errors": failure.errors, "form": RosterUploadForm()}
        return TemplateResponse(request, TEMPLATE, context)
    if apply:
        upload.applied_at = timezone.now()
        upload.data = b""
        upload.save(update_fields=["applied_at", "data"])
        counts = report.counts()
        messages.success(
            request,
            _(
                "Roster imported: %(created)s created, %(updated)s updated, "
                "%(deactivated)s deactivated, %(unchanged)s unchanged."
            )
            % counts,
        )
        return redirect("people_import")
    sections = [(kind, report.rows[kind]) for kind in KINDS]
    context = {
        "upload": upload,
        "report": report,
        "sections": sections,
        "counts": report.counts(),
        "deactivate_missing": deactivate,
    }
    return TemplateResponse(request, TEMPLATE, context)

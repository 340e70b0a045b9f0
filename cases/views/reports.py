"""Practice cases for learners: the list, a case, the report editor and its autosave, versions,
attachments.

Only users with the Learner role see these pages; a learner only ever sees their own reports
(anything else is a 404).
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from audit import api as audit
from cases import selectors, services
from cases.forms import ReportEditor
from cases.models import SubmissionStatus
from cases.report import SECTIONS, STAGES, ReportContent, fishbone_for_display
from cases.uploads import ACCEPT, MAX_ATTACHMENT_BYTES, AttachmentRefused
from cases.uploads import refuse_path_file_names as _refuse_path_file_names
from lms import roles
from lms.http import post_only
from lms.page_panels import page_panels
from lms.parsing import InputError, parse_int
from lms.private_files import send_private_file


def learner_required(view):
    """Signed in and holding the Learner role; anyone else gets a 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles.has_role(request.user, roles.LEARNER):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def refuse_path_file_names(view):
    """Refuse uploaded files whose names carry folders (see ``cases.uploads``).

    The multipart parser must be swapped before the CSRF check reads the form, so the check
    runs here, inside, instead of in the middleware.
    """
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        _refuse_path_file_names(request)
        return protected(request, *args, **kwargs)

    return wrapper


def _fallback_effect() -> str:
    return _("The problem")


@learner_required
def case_list(request):
    """Open practice cases with the learner's status. Template ``cases/case_list.html``;
    context ``rows`` (``CaseRow``)."""
    return render(
        request, "cases/case_list.html", {"rows": selectors.learner_case_rows(request.user)}
    )


@learner_required
def case_detail(request, slug):
    """A case, its rubric and the learner's versions. Template ``cases/case_detail.html``."""
    case = selectors.case_for_learner(slug)
    submissions = selectors.learner_submissions(case=case, learner=request.user)
    latest = submissions[-1] if submissions else None
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "rubric": selectors.rubric_with_levels(case.rubric_id),
            "submissions": submissions,
            "latest": latest,
            "can_revise": services.can_start_revision(case, latest),
            # Other apps' panels about the case (assignments: the learner's due date).
            "panels": page_panels("case_page_panels", request, case_id=case.pk),
        },
    )


def _editor_context(case, submission, editor, **extra):
    content = ReportContent.from_object(submission) if submission else ReportContent()
    return {
        "case": case,
        "submission": submission,
        "editor": editor,
        "sections": SECTIONS,
        "stages": STAGES,
        "fishbone": fishbone_for_display(content, fallback_effect=_fallback_effect()),
        "attachments": list(submission.attachments.all()) if submission else [],
        "accept": ACCEPT,
        "max_mb": MAX_ATTACHMENT_BYTES // (1024 * 1024),
        **extra,
    }


def _learner_draft(case, learner):
    """The learner's open draft (None before the first save) and whether their latest version
    is past drafting (submitted, being marked or graded), when it can no longer change."""
    submissions = selectors.learner_submissions(case=case, learner=learner)
    latest = submissions[-1] if submissions else None
    draft = latest if latest is not None and latest.is_draft else None
    return draft, latest is not None and draft is None


def _save_draft(*, case, learner, editor):
    """Save what the valid ``editor`` holds into the learner's draft, opening it if needed."""
    draft = services.report_open_draft(case=case, learner=learner)
    services.report_save_draft(submission=draft, content=editor.cleaned_content())
    return draft


@learner_required
@refuse_path_file_names
def report_edit(request, slug):
    """Write the report: save a draft (also autosaved by ``static/js/cases.js`` through
    ``report_autosave``), add or remove files, submit. Template ``cases/case_report_form.html``.

    POST ``action``: ``save`` (default) or ``submit``; ``delete_attachment=<id>`` removes a file.
    """
    case = selectors.case_for_learner(slug)
    if request.method == "POST" and request.headers.get("X-Autosave") == "1":
        # Pages loaded before report_autosave existed still autosave here with this header (an
        # open tab across a deploy): answer them exactly as the endpoint does.
        return _autosave(request, case)
    draft, submitted = _learner_draft(case, request.user)
    if submitted:
        messages.info(request, _("This version has been submitted and can no longer be changed."))
        return redirect("cases:case_detail", slug=case.slug)

    content = ReportContent.from_object(draft) if draft else ReportContent()
    if request.method != "POST":
        editor = ReportEditor(content=content, fresh=draft is None)
        return render(request, "cases/case_report_form.html", _editor_context(case, draft, editor))

    editor = ReportEditor(content=content, data=request.POST)
    if not editor.is_valid():
        return render(
            request,
            "cases/case_report_form.html",
            _editor_context(case, draft, editor, errors=editor.errors()),
        )
    try:
        draft = _save_draft(case=case, learner=request.user, editor=editor)
    except services.CaseActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("cases:case_detail", slug=case.slug)

    files_ok = _handle_files(request, draft)
    if request.POST.get("action") == "submit" and files_ok:
        try:
            services.report_submit(submission=draft)
        except services.ReportIncomplete as incomplete:
            return render(
                request,
                "cases/case_report_form.html",
                _editor_context(case, draft, editor, missing=incomplete.missing),
            )
        messages.success(request, _("Your report has been submitted for marking."))
        return redirect("cases:case_version", slug=case.slug, number=draft.number)
    if files_ok:
        messages.success(request, _("Draft saved."))
    return redirect(reverse("cases:report_edit", kwargs={"slug": case.slug}) + "#attachments")


@learner_required
@require_POST
def report_autosave(request, slug):
    """The autosave of ``static/js/cases.js``: saves the draft like "Save draft" does, without
    files, and answers JSON ``{saved: true, saved_at, fishbone}`` (the preview's SVG), or
    ``{saved: false, errors}`` with 400 (input not valid) or 409 (the version was submitted, or
    the save was refused)."""
    return _autosave(request, selectors.case_for_learner(slug))


def _autosave(request, case):
    """Save the posted draft of ``case`` and answer in JSON (see ``report_autosave``)."""
    draft, submitted = _learner_draft(case, request.user)
    if submitted:
        return JsonResponse(
            {"saved": False, "errors": [_("This report has already been submitted.")]},
            status=409,
        )
    content = ReportContent.from_object(draft) if draft else ReportContent()
    editor = ReportEditor(content=content, data=request.POST)
    if not editor.is_valid():
        return JsonResponse({"saved": False, "errors": editor.errors()}, status=400)
    try:
        draft = _save_draft(case=case, learner=request.user, editor=editor)
    except services.CaseActionRefused as refused:
        return JsonResponse({"saved": False, "errors": [str(refused)]}, status=409)
    return JsonResponse(
        {
            "saved": True,
            "saved_at": time_format(timezone.localtime(), "H:i:s"),
            "fishbone": render_to_string(
                "cases/includes/fishbone.svg.html",
                fishbone_for_display(
                    ReportContent.from_object(draft), fallback_effect=_fallback_effect()
                ),
            ),
        }
    )


def _handle_files(request, draft) -> bool:
    """Add uploaded files and remove the one asked for; False if a file was refused."""
    ok = True
    for name in getattr(request, "refused_file_names", []):
        ok = False
        messages.error(
            request,
            _("The file name “%(name)s” contains folder separators; rename the file and try again.")
            % {"name": name},
        )
    for upload in request.FILES.getlist("attachments"):
        try:
            services.attachment_add(submission=draft, upload=upload)
        except AttachmentRefused as refused:
            ok = False
            messages.error(request, str(refused))
        else:
            messages.success(request, _("“%(name)s” attached.") % {"name": upload.name})
    delete = request.POST.get("delete_attachment", "")
    if delete:
        try:
            pk = parse_int(delete, low=1)
        except InputError:
            raise Http404 from None
        attachment = draft.attachments.filter(pk=pk).first()
        if attachment is None:
            raise Http404
        services.attachment_delete(attachment=attachment)
        messages.success(request, _("“%(name)s” removed.") % {"name": attachment.name})
    return ok


def _case_page(request, slug) -> tuple[str, str]:
    case = selectors.case_for_learner(slug)
    url = reverse("cases:case_detail", kwargs={"slug": case.slug})
    return url, _("To start the next version of a returned report, use the button on this page.")


@learner_required
@post_only(redirect_to=_case_page)
def report_revise(request, slug):
    """Start the next version of a returned or failed report."""
    case = selectors.case_for_learner(slug)
    try:
        services.report_start_revision(case=case, learner=request.user)
    except services.CaseActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("cases:case_detail", slug=case.slug)
    messages.success(request, _("A new version has been started from your previous one."))
    return redirect("cases:report_edit", slug=case.slug)


@learner_required
def case_version(request, slug, number):
    """One version of the learner's report, with levels, comments and feedback once graded or
    returned. Template ``cases/case_version.html``."""
    case = selectors.case_for_learner(slug)
    submission = selectors.own_submission(case=case, learner=request.user, number=number)
    if submission.is_draft:
        return redirect("cases:report_edit", slug=case.slug)
    rubric = selectors.rubric_with_levels(submission.rubric_id)
    content = ReportContent.from_object(submission)
    return render(
        request,
        "cases/case_version.html",
        {
            "case": case,
            "submission": submission,
            "content": content,
            "fishbone": fishbone_for_display(content, fallback_effect=_fallback_effect()),
            "attachments": list(submission.attachments.all()),
            "rubric": rubric,
            "table": selectors.mark_table(
                criteria=list(rubric.criteria.all()), marks=selectors.visible_marks(submission)
            ),
            "versions": selectors.learner_submissions(case=case, learner=request.user),
            "show_result": submission.status
            in (SubmissionStatus.FINALISED, SubmissionStatus.RETURNED),
        },
    )


@login_required
def attachment_download(request, pk):
    """Serve a report attachment to its learner or to a grader; 404 for anyone else.

    Images are shown, other files downloaded; every one in a sandbox (``lms.middleware``).
    """
    attachment = selectors.attachment_for_user(pk=pk, user=request.user)
    audit.record_access(
        viewer=request.user, subject=attachment.submission.learner, obj=attachment, request=request
    )
    response = send_private_file(
        attachment.file,
        content_type=attachment.content_type,
        filename=attachment.name,
        as_attachment=not attachment.is_image,
    )
    response["Cache-Control"] = "private, no-store"
    return response

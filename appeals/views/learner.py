"""The learner's side of appeals: the appeal form reached from a result page, their appeals,
one appeal with its outcome, and its files. Anyone else's result or appeal is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals import selectors, services, targets
from appeals.forms import AppealForm
from assessment import api as assessment_api
from lms.bilingual import localized
from lms.private_files import send_private_file


def _target_and_subjects(kind: str, pk: int, user):
    """The result being appealed (404 unless it is the user's own, released and counted by
    a program) and, for a scorecard, the choice between it and one of its metric values."""
    subjects, metrics = [], {}
    if kind == "essay":
        target = targets.essay_target(pk)
    elif kind == "case":
        target = targets.case_target(pk)
    elif kind == "scorecard":
        card = targets.latest_scorecard(pk)
        if card is None or card.employee_id != user.pk:
            raise Http404
        target = targets.scorecard_target(card)
        metrics = {
            f"metric:{metric.record_id}": targets.metric_target(card, metric)
            for metric in assessment_api.scorecard_metrics(card)
        }
        subjects = [("scorecard", _("The whole scorecard (total, grade, status)"))] + [
            (
                key,
                _("The value of %(indicator)s: %(value)s")
                % {"indicator": _title(metric), "value": metric.result},
            )
            for key, metric in metrics.items()
        ]
    else:
        raise Http404
    if target is None or target.owner_id != user.pk:
        raise Http404
    return target, subjects, metrics


def _title(target) -> str:
    return str(localized(target, "title"))


@login_required
def appeal_new(request, kind: str, pk: int):
    """File an appeal against one of the learner's results.

    Template ``appeals/appeal_form.html``; context ``target``, ``form``, ``existing`` (the
    learner's appeals on it), ``window_open``.
    """
    target, subjects, metrics = _target_and_subjects(kind, pk, request.user)
    existing = selectors.appeals_on(user=request.user, items=[target.item, *metrics])
    form = AppealForm(request.POST or None, request.FILES or None, subjects=subjects)
    if request.method == "POST" and form.is_valid():
        chosen = metrics.get(form.cleaned_data.get("subject") or "", target)
        try:
            appeal = services.appeal_file(
                learner=request.user,
                target=chosen,
                reason=form.cleaned_data["reason"],
                files=form.cleaned_data["files"],
                request=request,
            )
        except services.AppealRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("Your appeal %(reference)s is filed. You will be told of the outcome.")
                % {"reference": appeal.reference},
            )
            return redirect("appeals:detail", pk=appeal.pk)
    return render(
        request,
        "appeals/appeal_form.html",
        {
            "target": target,
            "form": form,
            "existing": list(existing.values()),
            "window_open": target.is_open(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def my_appeals(request):
    """The learner's appeals with status and outcome. Template ``appeals/my_appeals.html``;
    context ``appeals``."""
    return render(
        request, "appeals/my_appeals.html", {"appeals": selectors.my_appeals(user=request.user)}
    )


@login_required
def appeal_detail(request, pk: int):
    """One of the learner's appeals: what, why, status, and the outcome with its explanation
    and what followed (new scorecard revisions, certificate). Template
    ``appeals/appeal_detail.html``; context ``appeal``, ``attachments``, ``revisions``."""
    appeal = selectors.own_appeal(pk=pk, user=request.user)
    return render(
        request,
        "appeals/appeal_detail.html",
        {
            "appeal": appeal,
            "attachments": list(appeal.attachments.all()),
            "revisions": revision_links(appeal),
            "today": timezone.localdate(),
        },
    )


def revision_links(appeal) -> list[dict]:
    """The new scorecard revisions an appeal's outcome made, with their addresses."""
    employee_id = appeal.learner.employee_id
    return [
        {
            **row,
            # Another program that counts the same exam or case (appeals.targets.programs_of);
            # rows stored before programs were recorded are the appeal's own.
            "other_program": row.get("program", appeal.program.code) != appeal.program.code,
            "url": reverse(
                "assessment:scorecard_revision",
                kwargs={
                    "code": row.get("program", appeal.program.code),
                    "period": row["period"],
                    "employee_id": employee_id,
                    "revision": row["revision"],
                },
            ),
        }
        for row in appeal.revisions
    ]


@login_required
def attachment_download(request, pk: int):
    """An appeal's file, for its learner or an assessor (a 404 for anyone else)."""
    attachment = selectors.attachment_for(pk=pk, user=request.user)
    response = send_private_file(
        attachment.file,
        content_type=attachment.content_type,
        filename=attachment.name,
        as_attachment=not attachment.content_type.startswith("image/"),
    )
    response["Cache-Control"] = "private, no-store"
    return response

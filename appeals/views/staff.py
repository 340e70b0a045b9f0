"""The assessors' side of appeals: the queue with due dates and filters, one appeal with its
resolutions, the blind re-marking page of the assigned grader, and the report of counts,
outcomes and time to resolution. Without the permission each page is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals import selectors, services
from appeals.forms import AssignForm, EssayRemarkForm, ExplanationForm, MetricForm, UpholdForm
from appeals.models import Kind, Outcome, Status
from appeals.views.learner import revision_links
from assessment import api as assessment_api
from cases import api as cases_api
from exams import api as exams_api
from lms.bilingual import localized


@login_required
def queue(request):
    """Appeals to resolve, the earliest due first; filters ``program``, ``status`` (open by
    default), ``kind``, ``overdue``. Template ``appeals/queue.html``; context ``page_obj``,
    ``filters``, ``programs``, ``today``. 3 queries whatever the number of appeals."""
    if not selectors.can_resolve(request.user):
        raise Http404
    filters = selectors.QueueFilters(
        program=request.GET.get("program", ""),
        status=request.GET.get("status", ""),
        kind=request.GET.get("kind", "") if request.GET.get("kind") in Kind.values else "",
        overdue=request.GET.get("overdue") == "1",
    )
    page = Paginator(selectors.queue(filters=filters), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "appeals/queue.html",
        {
            "page_obj": page,
            "filters": filters,
            "programs": assessment_api.Program.objects.order_by("code"),
            "kinds": Kind.choices,
            "statuses": [("open", _("Unresolved")), *Status.choices, ("all", _("All"))],
            "today": timezone.localdate(),
        },
    )


def _metric_choices(appeal):
    """The metric records an assessor may correct, named in the page's language: the appealed
    one, or any of the appealed scorecard's."""
    number = int(appeal.item.split(":")[1])
    if appeal.kind == Kind.METRIC:
        record = assessment_api.metric_record(record_id=number)
        return [(record.pk, f"{localized(appeal, 'title')}: {record.value.normalize():f}")]
    card = assessment_api.Scorecard.objects.filter(pk=number).first()
    if card is None:
        return []
    return [
        (m.record_id, f"{localized(m, 'name')} ({card.period}): {m.value.normalize():f}")
        for m in assessment_api.scorecard_metrics(card)
    ]


def _forms(appeal, data):
    """The resolution forms that apply to an open appeal, bound to ``data`` when posted."""
    action = data.get("action") if data else None
    found = {}
    if not appeal.is_open:
        return found
    if appeal.kind in services.REMARKED_KINDS:
        choices = selectors.remarker_choices(
            exclude={appeal.learner_id, *services.first_graders(appeal)}
        )
        found["assign"] = AssignForm(
            data if action == "assign" else None,
            choices=choices,
            initial={"remarker": appeal.remarker_id},  # a reassignment starts from the current
        )
    if appeal.kind in (Kind.METRIC, Kind.SCORECARD):
        found["correct"] = MetricForm(
            data if action == "correct" else None, records=_metric_choices(appeal)
        )
    found["uphold"] = UpholdForm(data if action == "uphold" else None)
    return found


def _apply(request, appeal, action, form):
    data = form.cleaned_data
    if action == "assign":
        return services.appeal_assign(
            appeal=appeal, remarker=data["remarker"], by=request.user, request=request
        )
    if action == "correct":
        return services.appeal_correct_metric(
            appeal=appeal,
            record_id=data["record"],
            value=data["value"],
            source=data["source"],
            explanation=data["explanation"],
            by=request.user,
            request=request,
        )
    return services.appeal_uphold(
        appeal=appeal, explanation=data["explanation"], by=request.user, request=request
    )


@login_required
def manage(request, pk: int):
    """One appeal for an assessor: the result, the reason, the files, the first result and
    the resolutions that apply (assign a re-marker, correct a metric, uphold); its assigned
    re-marker is sent to the blind re-mark page instead. Template ``appeals/manage.html``;
    context ``appeal``, ``attachments``, ``forms``, ``revisions``."""
    appeal = selectors.staff_appeal(pk=pk, user=request.user)
    if appeal.status == Status.ASSIGNED and appeal.remarker_id == request.user.pk:
        # An assessor re-marking it would read the first result and the reason here.
        messages.info(
            request,
            _(
                "You are re-marking this appeal: you mark it here, and its first result "
                "stays hidden from you until it is resolved."
            ),
        )
        return redirect("appeals:remark", pk=appeal.pk)
    forms = _forms(appeal, request.POST if request.method == "POST" else None)
    action = request.POST.get("action", "")
    status = 200
    if request.method == "POST":
        form = forms.get(action)
        if form is None:
            messages.error(
                request,
                _("This action does not apply to this appeal.")
                if appeal.is_open
                else _("This appeal is already resolved."),
            )
            return redirect("appeals:manage", pk=appeal.pk)
        if form.is_valid():
            try:
                _apply(request, appeal, action, form)
            except services.AppealRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Saved."))
                return redirect("appeals:manage", pk=appeal.pk)
        status = 400
    return render(
        request,
        "appeals/manage.html",
        {
            "appeal": appeal,
            "attachments": list(appeal.attachments.all()),
            "forms": forms,
            "revisions": revision_links(appeal),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def remark(request, pk: int):
    """The assigned grader re-marks blind: the learner's answers or report and an empty
    marking form; never the first mark, its grader or comments, nor the learner's reason.
    Template ``appeals/remark.html``."""
    appeal = selectors.remark_appeal(pk=pk, user=request.user)
    number = int(appeal.item.split(":")[1])
    data = request.POST if request.method == "POST" else None
    explanation = ExplanationForm(data)
    context = {"appeal": appeal}
    if appeal.kind == Kind.ESSAY:
        form = EssayRemarkForm(data, essays=exams_api.essays_to_mark(attempt_id=number))
        explanation = form
    else:
        context.update(cases_api.remark_screen(submission_id=number, data=data))
        form = context["form"]
    if request.method == "POST" and form.is_valid() and explanation.is_valid():
        try:
            _remark(request, appeal, form, explanation.cleaned_data["explanation"])
        except services.AppealRefused as refused:
            explanation.add_error(None, str(refused))
        else:
            messages.success(request, _("Your mark is recorded and the appeal is resolved."))
            return redirect("dashboard")
    context.update({"form": form, "explanation": explanation, "kind": appeal.kind})
    return render(request, "appeals/remark.html", context, status=400 if data else 200)


def _remark(request, appeal, form, explanation):
    if appeal.kind == Kind.ESSAY:
        return services.appeal_remark_essays(
            appeal=appeal,
            marker=request.user,
            marks=form.marks(),
            explanation=explanation,
            request=request,
        )
    return services.appeal_remark_case(
        appeal=appeal, marker=request.user, form=form, explanation=explanation, request=request
    )


@login_required
def appeals_report(request):
    """Appeal counts, outcomes and mean days to resolution per program, for a period of
    filing (``period``: YYYY, YYYY-Qn or YYYY-MM; all time without one). Template
    ``appeals/report.html``; 2 queries."""
    if not selectors.can_resolve(request.user):
        raise Http404
    period = request.GET.get("period", "").strip().upper()
    invalid = bool(period) and selectors.period_range(period) is None
    return render(
        request,
        "appeals/report.html",
        {
            "period": period,
            "invalid": invalid,
            "figures": [] if invalid else selectors.report(period=period),
            "outcomes": Outcome,
        },
        status=400 if invalid else 200,
    )

"""Scorecards, their finalised revisions and the feedback report (反馈与沟通).

An engineer sees only their own; anyone else's is a 404. Assessors see everyone's, finalise
scorecards and write the comments of feedback reports.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from assessment import explain, presentation, scoring
from assessment.errors import AssessmentError
from assessment.feedback_pdf import render as render_pdf
from assessment.forms.scorecards import AcknowledgeForm, CommentsForm
from assessment.models import Program, Scorecard
from assessment.selectors import scorecards as selectors
from assessment.selectors.engineers import engineer_by_employee_id
from assessment.services import scorecards as services
from audit import api as audit
from lms import api as lms_api
from lms.access import assessor_required, may_see_engineer
from lms.http import post_only


def _subject(request, code, employee_id):
    """The program and the engineer of a scorecard URL, if the user may see them."""
    program = get_object_or_404(Program, code=code)
    engineer = engineer_by_employee_id(employee_id)
    if engineer is None or not may_see_engineer(request.user, engineer.id):
        raise Http404
    return program, engineer


def _revision(request, code, period, employee_id, revision) -> Scorecard:
    """The finalised revision of a URL, if the user may see it; staff reading another
    person's is written to the access log."""
    program, engineer = _subject(request, code, employee_id)
    scorecard = get_object_or_404(
        Scorecard.objects.select_related(
            "program", "scheme_version", "finalised_by", "comments_by", "employee"
        ),
        employee_id=engineer.id,
        program=program,
        period=period,
        revision=revision,
    )
    audit.record_access(viewer=request.user, subject=engineer, obj=scorecard, request=request)
    return scorecard


@login_required
def my_scorecards(request):
    """The signed-in engineer's scorecards; an assessor is sent to the cohort table.

    Template ``assessment/my_scorecards.html``; context: ``scorecards`` (OwnScorecard list).
    """
    if lms_api.is_assessor(request.user):
        return redirect("assessment:cohort")
    return render(
        request,
        "assessment/my_scorecards.html",
        {"scorecards": selectors.own_scorecards(user=request.user)},
    )


@login_required
def scorecard_detail(request, code, period, employee_id):
    """One scorecard computed now from the current inputs, with its finalised revisions.

    Template ``assessment/scorecard.html``; context: ``view`` (ScorecardView or None),
    ``metrics``, ``revisions``, ``latest``, ``changed``, ``can_finalise``,
    ``provisional_refusal`` (why a provisional scorecard cannot be finalised yet, or "").
    """
    program, engineer = _subject(request, code, employee_id)
    card = selectors.live_scorecard(
        program=program, period=period, user_id=engineer.id, engineer=engineer
    )
    revisions = list(
        selectors.scorecard_revisions(user_id=engineer.id, program=program, period=period)
    )
    latest = revisions[0] if revisions else None
    audit.record_access(
        viewer=request.user, subject=engineer, obj=latest or program, request=request
    )
    changed = False
    if card is not None and latest is not None:
        changed = services.snapshot_differs(services.scorecard_snapshot(card), latest.snapshot)
    is_assessor = lms_api.is_assessor(request.user)
    provisional_refusal = explain.provisional_refusal(card.result) if card else ""
    return render(
        request,
        "assessment/scorecard.html",
        {
            "program": program,
            "period": period,
            "engineer": engineer,
            "view": presentation.from_live(card) if card else None,
            "metrics": card.metrics if card else {},
            "revisions": revisions,
            "latest": latest,
            "changed": changed,
            "is_assessor": is_assessor,
            "can_finalise": (
                is_assessor
                and card is not None
                and card.result.status != scoring.INCOMPLETE
                and not provisional_refusal
                and (latest is None or changed)
            ),
            "provisional_refusal": provisional_refusal,
        },
    )


def _scorecard_page(request, code, period, employee_id) -> tuple[str, str]:
    _subject(request, code, employee_id)
    url = reverse(
        "assessment:scorecard",
        kwargs={"code": code, "period": period, "employee_id": employee_id},
    )
    return url, _("To finalise the scorecard, use the Finalise button on this page.")


@assessor_required
@post_only(redirect_to=_scorecard_page)
def scorecard_finalise(request, code, period, employee_id):
    """Freeze the scorecard as a new revision and open its feedback report."""
    program, engineer = _subject(request, code, employee_id)
    try:
        revision, created = services.scorecard_finalise(
            program=program,
            period=period,
            user_id=engineer.id,
            by=request.user,
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:scorecard", code=code, period=period, employee_id=employee_id)
    if created:
        messages.success(
            request,
            _("Revision %(n)s of the scorecard was finalised.") % {"n": revision.revision},
        )
    else:
        messages.info(
            request,
            _("Nothing changed since revision %(n)s; no new revision was made.")
            % {"n": revision.revision},
        )
    return redirect(
        "assessment:feedback",
        code=code,
        period=period,
        employee_id=employee_id,
        revision=revision.revision,
    )


@login_required
def scorecard_revision(request, code, period, employee_id, revision):
    """A finalised revision exactly as it was frozen, with its SHA-256.

    Template ``assessment/scorecard_revision.html``; context: ``scorecard``, ``view``,
    ``inputs``, ``hash_intact``.
    """
    scorecard = _revision(request, code, period, employee_id, revision)
    return render(
        request,
        "assessment/scorecard_revision.html",
        {
            "scorecard": scorecard,
            "view": presentation.from_snapshot(scorecard.snapshot),
            "inputs": scorecard.snapshot["inputs"],
            "hash_intact": scorecard.hash_is_intact(),
        },
    )


def _feedback_context(request, scorecard, *, comments_form=None, acknowledge_form=None):
    is_owner = request.user.pk == scorecard.employee_id
    is_assessor = lms_api.is_assessor(request.user)
    return {
        "scorecard": scorecard,
        "view": presentation.from_snapshot(scorecard.snapshot),
        "is_owner": is_owner,
        "is_assessor": is_assessor,
        "comments_form": comments_form
        or (
            CommentsForm(initial={"comments": scorecard.comments})
            if is_assessor and scorecard.acknowledged_at is None
            else None
        ),
        "acknowledge_form": acknowledge_form
        or (AcknowledgeForm() if is_owner and scorecard.acknowledged_at is None else None),
    }


@login_required
def feedback_report(request, code, period, employee_id, revision):
    """The feedback report of a finalised revision: strengths, weaknesses, suggestions, the
    assessor's comments and the engineer's acknowledgement.

    Template ``assessment/feedback_report.html``; context from ``_feedback_context``.
    """
    scorecard = _revision(request, code, period, employee_id, revision)
    return render(request, "assessment/feedback_report.html", _feedback_context(request, scorecard))


def _comments_page(request, code, period, employee_id, revision) -> tuple[str, str]:
    scorecard = _revision(request, code, period, employee_id, revision)
    return _feedback_url(scorecard), _("To save your comments, use the form on this page.")


def _acknowledge_page(request, code, period, employee_id, revision) -> tuple[str, str]:
    scorecard = _revision(request, code, period, employee_id, revision)
    if request.user.pk != scorecard.employee_id:
        raise Http404
    return _feedback_url(scorecard), _("To acknowledge the report, use the form on this page.")


@assessor_required
@post_only(redirect_to=_comments_page)
def feedback_comments(request, code, period, employee_id, revision):
    """Save the assessor's comments on a feedback report (until the engineer acknowledges it)."""
    return _feedback_form_post(
        request,
        _revision(request, code, period, employee_id, revision),
        form_class=CommentsForm,
        context_key="comments_form",
        save=services.scorecard_comment,
        success=_("Your comments were saved."),
    )


@login_required
@post_only(redirect_to=_acknowledge_page)
def feedback_acknowledge(request, code, period, employee_id, revision):
    """The engineer acknowledges their feedback report, with an optional reply."""
    return _feedback_form_post(
        request,
        _revision(request, code, period, employee_id, revision),
        form_class=AcknowledgeForm,
        context_key="acknowledge_form",
        save=services.scorecard_acknowledge,
        success=_("Thank you: you have acknowledged the feedback report."),
        owner_only=True,
    )


def _feedback_form_post(
    request, scorecard, *, form_class, context_key, save, success, owner_only=False
):
    """Save a form posted on a feedback report and go back to the report with ``success``.

    ``save`` is the service, called with the scorecard, ``by`` and the form's fields (named as
    its arguments). An invalid form or the service's refusal shows the report again with
    status 400; with ``owner_only`` anyone but the engineer gets a 404.
    """
    if owner_only and request.user.pk != scorecard.employee_id:
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(scorecard=scorecard, by=request.user, **form.cleaned_data)
        except AssessmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, success)
            return redirect(_feedback_url(scorecard))
    context = _feedback_context(request, scorecard, **{context_key: form})
    return render(request, "assessment/feedback_report.html", context, status=400)


def _feedback_url(scorecard: Scorecard) -> str:
    return reverse(
        "assessment:feedback",
        kwargs={
            "code": scorecard.program.code,
            "period": scorecard.period,
            "employee_id": scorecard.employee.employee_id,
            "revision": scorecard.revision,
        },
    )


@login_required
def feedback_pdf(request, code, period, employee_id, revision):
    """The feedback report as a PDF (WeasyPrint, with the Noto CJK font embedded)."""
    scorecard = _revision(request, code, period, employee_id, revision)
    context = _feedback_context(request, scorecard)
    context["for_pdf"] = True
    pdf = render_pdf(context=context)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"feedback-{code}-{period}-{employee_id}-r{revision}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

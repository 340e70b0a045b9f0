"""Peer evaluation (同事评价): assessors open and close rounds; engineers rate the teammates
assigned to them. Nobody is shown who rated whom: assessors see each engineer's mean and how many
teammates rated them, engineers see only whom they must rate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessment import inputs
from assessment.errors import AssessmentError
from assessment.forms.peer import PeerRatingForm, PeerRoundForm
from assessment.models import PeerAssignment, PeerRound
from assessment.selectors.engineers import engineers_by_ids
from assessment.selectors.peer import peer_assignments_of, peer_round_detail
from assessment.selectors.schemes import indicator_catalog, program_by_code, program_summaries
from assessment.services.peer import (
    peer_rating_submit,
    peer_round_close,
    peer_round_open,
    peer_round_results,
)
from lms.access import assessor_required
from lms.bilingual import pick
from lms.http import post_only


@assessor_required
def round_list(request):
    """Template ``assessment/peer_rounds.html``; context: ``rounds`` with progress counts,
    ``catalog`` (indicator names)."""
    rounds = PeerRound.objects.select_related("program").annotate(
        assignment_count=Count("assignments"),
        submitted_count=Count("assignments", filter=Q(assignments__submitted_at__isnull=False)),
    )
    return render(
        request,
        "assessment/peer_rounds.html",
        {"rounds": rounds, "catalog": indicator_catalog()},
    )


def _indicator_choices():
    """(value, label) of every indicator of every active scheme, value ``CODE:indicator``."""
    choices = []
    for version in program_summaries():
        for dimension in version.scheme().dimensions:
            for indicator in dimension.indicators:
                choices.append(
                    (
                        f"{version.program.code}:{indicator.code}",
                        f"{version.program.code} · {pick(dimension.name, dimension.name_en)} · "
                        f"{pick(indicator.name, indicator.name_en)} "
                        f"({indicator.code})",
                    )
                )
    return choices


@require_http_methods(["GET", "POST"])
@assessor_required
def round_new(request):
    """Open a round for a cohort. Template ``assessment/peer_round_form.html``."""
    cohorts = inputs.all_cohorts()
    form = PeerRoundForm(request.POST or None, indicators=_indicator_choices(), cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        code, indicator = form.cleaned_data["indicator"].split(":", 1)
        program = program_by_code(code)
        cohort = next(c for c in cohorts if c.id == form.cleaned_data["cohort"])
        try:
            peer_round = peer_round_open(
                title=form.cleaned_data["title"],
                program=program,
                cohort_id=cohort.id,
                cohort_name=cohort.name,
                member_ids=inputs.cohort_learner_ids(cohort_id=cohort.id),
                period=form.cleaned_data["period"],
                indicator=indicator,
                items=form.cleaned_data["items"],
                raters_per_person=form.cleaned_data["raters_per_person"],
                by=request.user,
            )
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The peer evaluation is open."))
            return redirect("assessment:peer_round", pk=peer_round.pk)
    status = 400 if form.errors else 200
    return render(request, "assessment/peer_round_form.html", {"form": form}, status=status)


@assessor_required
def round_detail(request, pk):
    """Progress of a round and each engineer's mean rating (never who gave it).

    Template ``assessment/peer_round.html``; context: ``round`` (with ``indicator_texts``),
    ``raters``, ``results``.
    """
    peer_round = peer_round_detail(pk=pk)
    if peer_round is None:
        raise Http404
    progress = (
        peer_round.assignments.values("rater_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by("rater__employee_id")
    )
    engineers = engineers_by_ids(row["rater_id"] for row in progress)
    raters = [(engineers[row["rater_id"]], row["done"], row["total"]) for row in progress]
    return render(
        request,
        "assessment/peer_round.html",
        {
            "round": peer_round,
            "raters": raters,
            "results": peer_round_results(peer_round=peer_round),
        },
    )


def _round_page(request, pk) -> tuple[str, str]:
    peer_round = get_object_or_404(PeerRound, pk=pk)
    url = reverse("assessment:peer_round", kwargs={"pk": peer_round.pk})
    if not peer_round.is_open:
        return url, _("This round is closed already.")
    return url, _("To close the round, use “Close and write the means” on this page.")


@assessor_required
@post_only(redirect_to=_round_page)
def round_close(request, pk):
    peer_round = get_object_or_404(PeerRound, pk=pk)
    try:
        closed = peer_round_close(peer_round=peer_round, by=request.user)
    except AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:peer_round", pk=pk)
    counts = closed.counts
    messages.success(
        request,
        _(
            "The round is closed: %(written)d mean ratings written to %(indicator)s for "
            "%(period)s (%(created)d new, %(updated)d changed)."
        )
        % {
            "written": counts.created + counts.updated + counts.unchanged,
            "indicator": peer_round.indicator,
            "period": peer_round.period,
            "created": counts.created,
            "updated": counts.updated,
        },
    )
    if closed.unrated:
        messages.warning(
            request,
            _("Nobody rated %(names)s; their value is missing.")
            % {"names": "、".join(r.name for r in closed.unrated)},
        )
    return redirect("assessment:peer_round", pk=pk)


@login_required
def my_ratings(request):
    """The teammates the signed-in engineer rates. Template ``assessment/my_peer.html``."""
    return render(
        request,
        "assessment/my_peer.html",
        {"assignments": peer_assignments_of(user=request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def rate(request, pk):
    """Rate one teammate on each item (1–5); only the rater may open it, while the round is open.

    Template ``assessment/peer_rate.html``; context: ``assignment``, ``form``.
    """
    assignment = get_object_or_404(
        PeerAssignment.objects.select_related("round", "ratee"), pk=pk, rater=request.user
    )
    form = PeerRatingForm(
        request.POST or None, items=assignment.round.items, initial_scores=assignment.scores
    )
    if request.method == "POST" and form.is_valid():
        try:
            peer_rating_submit(assignment=assignment, scores=form.scores())
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your rating of %(name)s was saved.")
                % {"name": assignment.ratee.get_full_name()},
            )
            return redirect("assessment:my_peer")
    status = 400 if form.errors else 200
    return render(
        request,
        "assessment/peer_rate.html",
        {"assignment": assignment, "form": form},
        status=status,
    )

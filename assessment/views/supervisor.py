"""Supervisor evaluation (主管评价): assessors open and close rounds and follow who has rated;
managers rate their direct reports (``User.manager``), nobody else's."""

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
from assessment.forms.supervisor import SupervisorRatingForm, SupervisorRoundForm
from assessment.models import SupervisorRound
from assessment.selectors.schemes import indicator_catalog, program_by_code, program_summaries
from assessment.selectors.supervisor import (
    supervisor_rating_of,
    supervisor_ratings_of,
    supervisor_round_detail,
    supervisor_round_progress,
)
from assessment.services.supervisor import (
    mean_rating,
    rating_indicator_problem,
    supervisor_rating_submit,
    supervisor_round_close,
    supervisor_round_open,
)
from lms.access import assessor_required
from lms.bilingual import localized, pick
from lms.http import post_only
from lms.templatetags.bilingual import tr_mark


@assessor_required
def round_list(request):
    """Template ``assessment/supervisor_rounds.html``; context: ``rounds`` with progress
    counts, ``catalog`` (indicator names)."""
    rounds = SupervisorRound.objects.select_related("program").annotate(
        rating_count=Count("ratings"),
        submitted_count=Count("ratings", filter=Q(ratings__submitted_at__isnull=False)),
    )
    return render(
        request,
        "assessment/supervisor_rounds.html",
        {"rounds": rounds, "catalog": indicator_catalog()},
    )


def _indicator_choices():
    """(value ``CODE:indicator``, label) of the active schemes' indicators a supervisor's 1–5
    rating can fill."""
    choices = []
    for version in program_summaries():
        for dimension in version.scheme().dimensions:
            for indicator in dimension.indicators:
                if rating_indicator_problem(indicator) is None:
                    name = pick(indicator.name, indicator.name_en)
                    choices.append(
                        (
                            f"{version.program.code}:{indicator.code}",
                            f"{version.program.code} · {pick(dimension.name, dimension.name_en)}"
                            f" · {name} ({indicator.code})",
                        )
                    )
    return choices


@require_http_methods(["GET", "POST"])
@assessor_required
def round_new(request):
    """Open a round for a cohort. Template ``assessment/supervisor_round_form.html``."""
    cohorts = inputs.all_cohorts()
    form = SupervisorRoundForm(
        request.POST or None, indicators=_indicator_choices(), cohorts=cohorts
    )
    if request.method == "POST" and form.is_valid():
        code, indicator = form.cleaned_data["indicator"].split(":", 1)
        cohort = next(c for c in cohorts if c.id == form.cleaned_data["cohort"])
        try:
            opened = supervisor_round_open(
                title=form.cleaned_data["title"],
                program=program_by_code(code),
                cohort_id=cohort.id,
                cohort_name=cohort.name,
                member_ids=inputs.cohort_learner_ids(cohort_id=cohort.id),
                period=form.cleaned_data["period"],
                indicator=indicator,
                items=form.cleaned_data["item_texts"],
                by=request.user,
            )
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The supervisor evaluation is open."))
            return redirect("assessment:supervisor_round", pk=opened.pk)
    status = 400 if form.errors else 200
    return render(request, "assessment/supervisor_round_form.html", {"form": form}, status=status)


@assessor_required
def round_detail(request, pk):
    """Who has rated and who has not, each engineer's mean and who rated them.

    Template ``assessment/supervisor_round.html``; context: ``round`` (with
    ``indicator_texts``), ``progress`` (``RoundProgress``).
    """
    found = supervisor_round_detail(pk=pk)
    if found is None:
        raise Http404
    return render(
        request,
        "assessment/supervisor_round.html",
        {"round": found, "progress": supervisor_round_progress(supervisor_round=found)},
    )


def _round_page(request, pk) -> tuple[str, str]:
    found = get_object_or_404(SupervisorRound, pk=pk)
    url = reverse("assessment:supervisor_round", kwargs={"pk": found.pk})
    if not found.is_open:
        return url, _("This round is closed already.")
    return url, _("To close the round, use “Close and write the means” on this page.")


@assessor_required
@post_only(redirect_to=_round_page)
def round_close(request, pk):
    found = get_object_or_404(SupervisorRound, pk=pk)
    try:
        closed = supervisor_round_close(supervisor_round=found, by=request.user)
    except AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:supervisor_round", pk=pk)
    counts = closed.counts
    messages.success(
        request,
        _(
            "The round is closed: %(written)d mean ratings written to %(indicator)s for "
            "%(period)s (%(created)d new, %(updated)d changed)."
        )
        % {
            "written": counts.created + counts.updated + counts.unchanged,
            "indicator": found.indicator,
            "period": found.period,
            "created": counts.created,
            "updated": counts.updated,
        },
    )
    if closed.unrated:
        messages.warning(
            request,
            _("Nobody rated %(names)s; their value is missing.")
            % {"names": "、".join(closed.unrated)},
        )
    return redirect("assessment:supervisor_round", pk=pk)


@login_required
def my_reports(request):
    """The signed-in manager's direct reports to rate, by round.

    Template ``assessment/my_supervisor.html``; context: ``ratings``.
    """
    return render(
        request,
        "assessment/my_supervisor.html",
        {"ratings": supervisor_ratings_of(manager=request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def rate(request, pk):
    """A manager rates one direct report on each item (1–5) while the round is open; a closed
    round shows the rating, read only. Anyone else's report is a 404.

    Template ``assessment/supervisor_rate.html``; context: ``rating``, ``form``, ``mean``,
    ``given`` (each item's label with the score given).
    """
    rating = supervisor_rating_of(manager=request.user, pk=pk)
    if rating is None:
        raise Http404
    is_open = rating.round.is_open
    labels = [tr_mark(localized(item, "text")) for item in rating.round.items]
    form = SupervisorRatingForm(request.POST or None, items=labels, initial_scores=rating.scores)
    if request.method == "POST":
        if not is_open:
            form.add_error(None, _("This supervisor evaluation is closed."))
        elif form.is_valid():
            try:
                supervisor_rating_submit(rating=rating, manager=request.user, scores=form.scores())
            except AssessmentError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Your rating of %(name)s was saved.")
                    % {"name": rating.employee.get_full_name()},
                )
                return redirect("assessment:my_supervisor")
    status = 400 if form.errors else 200
    return render(
        request,
        "assessment/supervisor_rate.html",
        {
            "rating": rating,
            "form": form,
            "mean": mean_rating(rating.scores),
            "given": list(zip(labels, rating.scores, strict=False)),
        },
        status=status,
    )

"""Preview the impact of a draft scheme version against the active one, then activate it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from assessment import definition
from assessment.errors import AssessmentError
from assessment.forms.periods import PeriodForm
from assessment.models import SchemeVersion
from assessment.selectors import cohorts as cohort_selectors
from assessment.selectors.metrics import metric_periods
from assessment.services.schemes import scheme_version_activate
from lms.access import assessor_required
from lms.http import post_only


@assessor_required
def scheme_impact(request, pk):
    """For each engineer: total and status under the active version and under this draft, and
    the pass rate before and after.

    Template ``assessment/scheme_impact.html``; context: ``version``, ``problems``, ``form``,
    ``periods``, ``impact``.
    """
    version = get_object_or_404(SchemeVersion.objects.select_related("program"), pk=pk)
    context = {"version": version, "problems": [], "impact": None}
    try:
        scheme = version.scheme()
    except definition.DefinitionError as exc:
        context["problems"] = [str(p) for p in exc.problems]
        return render(request, "assessment/scheme_impact.html", context)
    codes = set(scheme.indicator_codes)
    active = version.program.active_version
    if active is not None and active.pk != version.pk:
        codes |= set(active.scheme().indicator_codes)
    periods = metric_periods(indicator_codes=codes)
    form = PeriodForm(request.GET or {"period": periods[0] if periods else ""})
    context.update({"form": form, "periods": periods})
    if form.is_valid():
        context["impact"] = cohort_selectors.scheme_impact(
            draft=version, period=form.cleaned_data["period"]
        )
    return render(request, "assessment/scheme_impact.html", context)


def _impact_page(request, pk) -> tuple[str, str]:
    version = get_object_or_404(SchemeVersion, pk=pk)
    url = reverse("assessment:scheme_impact", kwargs={"pk": version.pk})
    if version.status != SchemeVersion.Status.DRAFT:
        return url, _("Only a draft version can be activated; this one is not a draft.")
    return url, _("To activate this version, use the Activate button on this page.")


@assessor_required
@post_only(redirect_to=_impact_page)
def scheme_activate(request, pk):
    version = get_object_or_404(SchemeVersion.objects.select_related("program"), pk=pk)
    try:
        scheme_version_activate(version=version, by=request.user, request=request)
    except AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:scheme_impact", pk=pk)
    messages.success(
        request,
        _("Version %(number)s of %(program)s is now active.")
        % {"number": version.number, "program": version.program.code},
    )
    return redirect(reverse("assessment:cohort") + f"?program={version.program.code}")

"""``{% appeal_link "essay" attempt %}`` on a learner's result page (``essay`` with an exam
attempt, ``case`` with a report version and its case, ``scorecard`` with a finalised revision): the
"申诉 / Appeal" button while the window is open, the learner's appeal once filed, nothing
otherwise (someone else's result, a result no program counts, a closed window)."""

from django import template
from django.urls import reverse

from appeals import selectors, targets
from cases import api as cases_api

register = template.Library()


def _target_and_appeal(kind: str, obj, user, case=None):
    if kind == "scorecard":
        # The revision page's scorecard comes with its program and engineer; whether it is the
        # latest revision and the learner's appeal on it are read in one query.
        latest, appeal = selectors.scorecard_appeal_state(card=obj, user=user)
        return (targets.scorecard_target(obj) if latest else None), appeal
    if kind == "essay":
        target = targets.essay_target(obj.pk)
    else:  # the report page has the case too
        report = cases_api.graded_report_of(obj, case=case)
        target = targets.case_target(obj.pk, report) if report else None
    if target is None:
        return None, None
    return target, selectors.appeals_on(user=user, items=[target.item]).get(target.item)


@register.inclusion_tag("appeals/includes/appeal_link.html", takes_context=True)
def appeal_link(context, kind: str, obj, case=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    owner_id = getattr(obj, "user_id", None) or getattr(obj, "learner_id", None)
    owner_id = owner_id or getattr(obj, "employee_id", None)
    if obj is None or user is None or not user.is_authenticated or owner_id != user.pk:
        return {}
    if kind not in ("essay", "case", "scorecard"):
        return {}
    target, appeal = _target_and_appeal(kind, obj, user, case)
    if target is None:
        return {}
    if appeal is None and not target.is_open():
        return {}
    return {
        "appeal": appeal,
        "url": reverse("appeals:new", kwargs={"kind": kind, "pk": obj.pk}),
        "closes_at": target.closes_at,
    }

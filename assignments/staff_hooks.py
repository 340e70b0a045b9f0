"""The staff part's hooks (decision 0803): the "Assignments" menu item and dashboard panel for
trainers and assessors, completion against due dates on the cohort page (courses) and on a
manager's team page (certificates), and a practice case's deadline on the case page and in the
grading queue (cases). Those apps sit below this one and call the hooks through
``lms.page_panels``; nothing there imports assignments."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from assignments import completion, deadlines, selectors
from assignments.models import Assignment
from assignments.views.access import can_assign
from assignments.views.staff import course_titles, target_title
from courses import api as courses
from lms.dashboards import Panel
from lms.navigation import NavItem

DASHBOARD_ROWS = 5
DUE_SOON_DAYS = 3


def _rows(assignments, done) -> list[dict]:
    has_course = any(a.kind == Assignment.Kind.COURSE for a in assignments)
    titles = course_titles() if has_course else {}
    return [
        {"assignment": a, "title": target_title(a, titles), "completion": done[a.pk]}
        for a in assignments
    ]


@hooks.register("site_menu_items")
def assignments_menu_item(request):
    if can_assign(request.user):
        return NavItem(label=_("Assignments"), url=reverse("assignments:staff_list"), order=55)
    return None


def staff_panel(request):
    """The open assignments due soonest, with their completion."""
    if not can_assign(request.user):
        return None
    now = timezone.now()
    open_ones = list(
        selectors.with_targets(
            Assignment.objects.filter(start_at__lte=now, due_at__gt=now)
        ).order_by("due_at", "pk")[:DASHBOARD_ROWS]
    )
    return Panel(
        order=35,
        template="assignments/panels/staff.html",
        context={"rows": _rows(open_ones, completion.completions(open_ones, now=now))},
    )


hooks.register("trainer_dashboard_panels", staff_panel)
hooks.register("assessor_dashboard_panels", staff_panel)


@hooks.register("cohort_page_panels")
def cohort_assignments(request, *, cohort_id: int):
    """The cohort's assignments, counted over the cohort's learners."""
    assignments = completion.of_cohort(cohort_id)
    learners = set(courses.cohort_learner_ids(cohort_id=cohort_id)) if assignments else set()
    done = completion.completions(assignments, among=learners)
    return render_to_string(
        "assignments/panels/cohort.html",
        {
            "rows": _rows(assignments, done),
            "detail_query": f"?cohort={cohort_id}",
            "can_open": can_assign(request.user),
        },
        request=request,
    )


@hooks.register("team_page_panels")
def team_assignments(request, *, user_ids: set[int]):
    """The assignments of a manager's people, counted over those people."""
    assignments = completion.of_people(set(user_ids))
    done = completion.completions(assignments, among=set(user_ids))
    return render_to_string(
        "assignments/panels/team.html",
        {
            "rows": _rows(assignments, done),
            "days": completion.TEAM_PANEL_DAYS,
            "can_open": can_assign(request.user),
        },
        request=request,
    )


@hooks.register("case_page_panels")
def case_deadline(request, *, case_id: int):
    """The learner's own due date for the case, if an assignment gives one."""
    deadline = deadlines.case_deadline(user=request.user, case_id=case_id)
    if deadline is None:
        return None
    now = timezone.now()
    return render_to_string(
        "assignments/panels/case_deadline.html",
        {
            "deadline": deadline,
            "overdue": deadline.progress.state in (selectors.TODO, selectors.STARTED)
            and deadline.due_at <= now,
            "soon": (deadline.due_at - now).days < DUE_SOON_DAYS,
        },
        request=request,
    )


@hooks.register("case_report_due_dates")
def case_report_due_dates(*, pairs):
    return deadlines.case_due_dates(pairs=pairs)

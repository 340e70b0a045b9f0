"""Wagtail hooks of the practice cases: CMS screens, permissions, site menu items and panels."""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cases import selectors as case_selectors
from cases.views.admin import PracticeCaseGroup, refuse_deleting_what_reports_use
from lms import request_memo, roles
from lms.dashboards import Panel
from lms.navigation import NavItem

register_snippet(PracticeCaseGroup)
hooks.register("before_delete_snippet", refuse_deleting_what_reports_use)


@hooks.register("register_permissions")
def case_grading_permissions():
    """Grading, moderating ("lead trainer") and the agreement report can be given to any
    group in Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="cases",
        codename__in=[
            "grade_casesubmission",
            "moderate_casesubmission",
            "view_grader_agreement",
        ],
    )


@hooks.register("site_menu_items")
def practice_cases_menu_item(request):
    if roles.has_role(request.user, roles.LEARNER):
        return NavItem(label=_("Practice cases"), url=reverse("cases:case_list"), order=40)
    return None


@hooks.register("site_menu_items")
def case_grading_menu_item(request):
    if case_selectors.can_grade(request.user):
        return NavItem(label=_("Grading"), url=reverse("cases:grading_queue"), order=50)
    return None


@hooks.register("learner_dashboard_panels")
def my_cases_panel(request):
    return Panel(
        order=40,
        template="cases/panels/my_cases.html",
        context={
            "rows": case_selectors.learner_case_rows(
                request.user, with_tags=False, memo=request_memo.for_request(request)
            )
        },
    )


@hooks.register("trainer_dashboard_panels")
def case_grading_panel(request):
    if not case_selectors.can_grade(request.user):
        return None
    return Panel(
        order=40,
        template="cases/panels/case_grading.html",
        context={
            "counts": case_selectors.grading_counts(request.user),
            "can_see_agreement": case_selectors.can_see_agreement(request.user),
        },
    )

"""Wagtail hooks of the exams app: CMS screens, site menu items and dashboard panels."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from exams import quiz_admin
from exams.selectors import cases as case_selectors
from exams.selectors import quiz as quiz_selectors
from exams.views.cases_admin import PracticeCaseGroup, refuse_deleting_what_reports_use
from lms import roles
from lms.dashboards import Panel
from lms.navigation import NavItem

# --- Quiz engine -----------------------------------------------------------------------------

register_snippet(quiz_admin.QuestionBankGroup)


@hooks.register("register_admin_urls")
def question_import_urls():
    return [
        path("exams/questions/import/", quiz_admin.import_view, name="exams_question_import"),
        path("exams/questions/export/", quiz_admin.export_view, name="exams_question_export"),
    ]


class BankImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("exams.add_question")


@hooks.register("register_admin_menu_item")
def question_import_menu_item():
    return BankImportMenuItem(
        _("Import / export questions"),
        reverse("exams_question_import"),
        icon_name="download",
        order=211,
    )


@hooks.register("before_edit_snippet")
def quiz_edit_scope(request, instance):
    quiz_admin.check_quiz_visible(request, instance)


@hooks.register("before_delete_snippet")
def quiz_delete_scope(request, instances):
    for instance in instances:
        quiz_admin.check_quiz_visible(request, instance)


@hooks.register("site_menu_items")
def quizzes_menu_item(request):
    return NavItem(label=_("Exams"), url=reverse("exams:quiz_list"), order=30, name="exams")


@hooks.register("learner_dashboard_panels")
def my_exams_panel(request):
    rows = quiz_selectors.learner_quiz_rows(request.user, kind="certification")
    return Panel(order=30, template="exams/panels/my_exams.html", context={"rows": rows})


@hooks.register("trainer_dashboard_panels")
def exam_marking_panel(request):
    return Panel(
        order=30,
        template="exams/panels/exam_marking.html",
        context={"to_mark": quiz_selectors.pending_marking_count(request.user)},
    )


# --- Practice cases ----------------------------------------------------------------------

register_snippet(PracticeCaseGroup)
hooks.register("before_delete_snippet", refuse_deleting_what_reports_use)


@hooks.register("register_permissions")
def case_grading_permissions():
    """Grading, moderating ("lead trainer") and the agreement report can be given to any
    group in Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="exams",
        codename__in=[
            "grade_casesubmission",
            "moderate_casesubmission",
            "view_grader_agreement",
        ],
    )


@hooks.register("site_menu_items")
def practice_cases_menu_item(request):
    if roles.has_role(request.user, roles.LEARNER):
        return NavItem(label=_("Practice cases"), url=reverse("exams:case_list"), order=40)
    return None


@hooks.register("site_menu_items")
def case_grading_menu_item(request):
    if case_selectors.can_grade(request.user):
        return NavItem(label=_("Grading"), url=reverse("exams:grading_queue"), order=50)
    return None


@hooks.register("learner_dashboard_panels")
def my_cases_panel(request):
    return Panel(
        order=40,
        template="exams/panels/my_cases.html",
        context={"rows": case_selectors.learner_case_rows(request.user)},
    )


@hooks.register("trainer_dashboard_panels")
def case_grading_panel(request):
    if not case_selectors.can_grade(request.user):
        return None
    return Panel(
        order=40,
        template="exams/panels/case_grading.html",
        context={
            "counts": case_selectors.grading_counts(request.user),
            "can_see_agreement": case_selectors.can_see_agreement(request.user),
        },
    )

"""Wagtail hooks of the quiz engine: CMS screens, site menu items and dashboard panels."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from exams.selectors.attempts import learner_quiz_rows
from exams.selectors.marking import pending_marking_count
from exams.views import admin as quiz_admin
from exams.views.accommodations import AccommodationViewSet
from lms import request_memo
from lms.dashboards import Panel
from lms.navigation import NavItem

register_snippet(quiz_admin.QuestionBankGroup)


@hooks.register("register_admin_viewset")
def accommodations_admin():
    return AccommodationViewSet()


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
    memo = request_memo.for_request(request)  # the to-do list reads the same (exam_results)
    rows = learner_quiz_rows(request.user, kind="certification", memo=memo)
    return Panel(order=30, template="exams/panels/my_exams.html", context={"rows": rows})


@hooks.register("trainer_dashboard_panels")
def exam_marking_panel(request):
    return Panel(
        order=30,
        template="exams/panels/exam_marking.html",
        context={"to_mark": pending_marking_count(request.user)},
    )

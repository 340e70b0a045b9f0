"""Wagtail admin (cohorts), dashboard panels and the "Courses" menu item."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses import selectors
from courses.forms import CohortForm
from courses.models import Cohort
from lms import request_memo
from lms.dashboards import Panel
from lms.navigation import NavItem


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "course", "start_date", "end_date"]
    list_filter = ["course"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("course"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
            FieldPanel("learners", widget=forms.CheckboxSelectMultiple),
            FieldPanel("robot"),
        ],
        base_form_class=CohortForm,
    )


register_snippet(CohortViewSet)


@hooks.register("site_menu_items")
def courses_menu_item(request):
    return NavItem(label=_("Courses"), url=reverse("courses:index"), order=20, name="courses")


@hooks.register("learner_dashboard_panels")
def my_courses_panel(request):
    courses = selectors.learner_courses(user=request.user)
    memo = request_memo.for_request(request)  # the to-do list counts the same completions
    rows = selectors.courses_progress(
        user=request.user, courses=courses, request=request, memo=memo
    )
    return Panel(
        order=10,
        template="courses/panels/my_courses.html",
        context={"course_rows": rows},
        kept_by=tuple(_card(row) for row in rows),
    )


def _card(row: selectors.CourseRow) -> tuple:
    """Everything ``courses/includes/course_card.html`` shows of a course, as plain values: what
    the "my courses" panel is kept by (``lms.dashboards``). Keep it in step with the card."""
    outline, lesson = row.outline, row.outline.continue_lesson
    return (
        *(row.title, row.url, row.estimated_hours, outline.total, outline.percent),
        *(outline.is_complete, outline.started, outline.last_activity),
        (lesson.url, lesson.title) if lesson else None,
    )


@hooks.register("trainer_dashboard_panels")
def my_cohorts_panel(request):
    cohorts = list(selectors.cohorts_for_trainer(user=request.user)[:20])
    tables = selectors.cohort_tables(cohorts=cohorts)
    return Panel(
        order=10,
        template="courses/panels/my_cohorts.html",
        context={"tables": tables},
    )

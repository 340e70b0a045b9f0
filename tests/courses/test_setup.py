import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Site, Workflow

from courses import setup
from courses.models import CourseIndexPage
from tests.courses.factories import course_index, lessons_of

pytestmark = pytest.mark.django_db


def test_setup_is_idempotent():
    counts = (Page.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    setup.ensure_course_site()
    setup.ensure_course_site()
    assert counts == (
        Page.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )
    assert CourseIndexPage.objects.count() == 2
    assert Site.objects.get(is_default_site=True).root_page_id == course_index().pk


def test_trainers_may_edit_but_not_publish_the_course_tree_only(trainer):
    index = course_index()
    trainers = Group.objects.get(name="Trainer")
    codenames = set(
        GroupPagePermission.objects.filter(group=trainers).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    pages = set(GroupPagePermission.objects.filter(group=trainers).values_list("page", flat=True))
    assert pages == {index.pk, course_index("en").pk}


def test_the_course_review_workflow_is_approved_by_administrators_and_lead_trainers(course):
    workflow = lessons_of(course)[0].get_workflow()
    assert workflow.name == setup.WORKFLOW_NAME
    (task,) = [t.specific for t in workflow.tasks]
    assert set(task.groups.values_list("name", flat=True)) == {"Administrator", "Lead trainer"}


def test_a_trainer_cannot_edit_pages_outside_the_course_tree(client, trainer, course):
    root = Page.get_first_root_node()
    other = root.add_child(instance=Page(title="公司新闻", slug="news"))
    client.force_login(trainer)
    assert client.get(f"/cms/pages/{other.pk}/edit/").status_code in (302, 403)
    lesson = lessons_of(course)[0]
    assert client.get(f"/cms/pages/{lesson.pk}/edit/").status_code == 200


def test_the_review_workflow_has_a_chinese_name_in_the_chinese_editor(client, trainer, course):
    """Not "提交给Course review": a workflow's name is data, shown as it is (decision 0102)."""
    lesson = lessons_of(course)[0]
    client.force_login(trainer)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(f"/cms/pages/{lesson.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = html.content.decode()
    assert "课程审核" in html
    assert "Course review" not in html
    assert "Approval by" not in html


def test_setup_renames_the_former_english_workflow_in_place(course):
    workflow = lessons_of(course)[0].get_workflow()
    Workflow.objects.filter(pk=workflow.pk).update(name="Course review")
    setup.ensure_course_site()
    assert Workflow.objects.get(pk=workflow.pk).name == "课程审核"
    assert not Workflow.objects.filter(name="Course review").exists()

"""Browser journeys of the course: a learner studies, a trainer edits and submits for review."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, WorkflowState

from courses.models import LessonCompletion, LessonPage
from tests.courses.factories import FISHBONE_BODY, lessons_of, make_cohort, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bilingual_course():
    """A course of 2 × 3 lessons whose first lesson has a fishbone; translated into English."""
    course = make_course(title="售后工程师入职课程", modules=2, lessons=3)
    lesson = lessons_of(course)[0]
    lesson.body = FISHBONE_BODY
    lesson.save_revision().publish()
    en = Locale.objects.get(language_code="en")
    for page in [course, lesson.get_parent().specific, lesson]:
        copy = page.copy_for_translation(en).specific
        copy.title = {course.pk: "Onboarding course", lesson.pk: "Finding the root cause"}.get(
            page.pk, "Module one"
        )
        copy.save_revision().publish()
    return course, LessonPage.objects.get(pk=lesson.pk)


def test_learner_studies_a_lesson_completes_it_searches_and_switches_language(
    live_server, login, learner
):
    course, lesson = bilingual_course()
    make_cohort(course=course, learners=[learner])
    page = login(learner)

    # The dashboard lists the course; the learner starts it.
    panel = page.get_by_test_id("panel-my-courses")
    expect(panel).to_contain_text("售后工程师入职课程")
    panel.get_by_role("link", name="售后工程师入职课程").click()
    expect(page.locator("h1")).to_have_text("售后工程师入职课程")
    page.get_by_test_id("continue-link").click()

    # The lesson shows the fishbone diagram and its text alternative.
    expect(page.locator("h1")).to_have_text(lesson.title)
    fishbone = page.get_by_test_id("fishbone")
    expect(fishbone.locator("svg")).to_be_visible()
    expect(fishbone).to_contain_text("编码器插头松动")
    course_bar = page.locator('[data-progress="course"] .progress').first
    expect(course_bar).to_have_attribute("aria-valuenow", "0")

    # One click marks it complete; the progress bar moves without reloading.
    page.get_by_test_id("complete-button").click()
    expect(course_bar).to_have_attribute("aria-valuenow", "16")
    expect(page.get_by_test_id("complete-button")).to_have_attribute("aria-pressed", "true")
    assert LessonCompletion.objects.filter(user=learner).count() == 1

    # Search finds the lesson by a Chinese word inside a sentence.
    page.get_by_test_id("course-search-input").first.fill("鱼骨图")
    page.get_by_test_id("course-search-input").first.press("Enter")
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text(lesson.title)
    results.get_by_role("link", name=lesson.title).click()

    # The language switcher leads to the same lesson in English.
    page.get_by_test_id("language-en").click()
    expect(page).to_have_url(re.compile(r"/en/learn/course/module-1/lesson-1-1/$"))
    expect(page.locator("h1")).to_have_text("Finding the root cause")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Progress is shared by both languages.
    expect(page.get_by_test_id("complete-button")).to_have_attribute("aria-pressed", "true")


def test_a_learner_on_a_phone_without_javascript_can_mark_a_lesson_complete(
    live_server, browser, learner, password
):
    course = make_course(modules=1, lessons=2, body=FISHBONE_BODY)
    lesson = lessons_of(course)[0]
    context = browser.new_context(
        java_script_enabled=False, locale="zh-CN", viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(learner.username)
    page.locator("input[name=password]").fill(password)
    page.get_by_test_id("login-submit").click()
    page.goto(f"{live_server.url}{lesson.url}")
    # On a phone nothing is wider than the screen (the diagram scales down to fit).
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_test_id("complete-button").click()
    expect(page).to_have_url(f"{live_server.url}{lesson.url}")
    expect(page.locator('[data-progress="course"] .progress').first).to_have_attribute(
        "aria-valuenow", "50"
    )
    context.close()


def test_trainer_edits_a_lesson_in_the_cms_and_submits_it_for_moderation(
    live_server, login, trainer
):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    page = login(trainer)
    page.goto(f"{live_server.url}/cms/pages/{lesson.pk}/edit/")
    page.locator("#id_title").fill("课时一（修订版）")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator('button[name="action-submit"]').click()
    expect(page.locator(".messages")).to_be_visible()

    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "课程审核"
    lesson.refresh_from_db()
    # Learners still read the published version until an approver publishes the change.
    assert lesson.title == "课时1.1"
    assert lesson.get_latest_revision().as_object().title == "课时一（修订版）"


def test_the_editor_refuses_a_fishbone_without_effect_with_a_message_on_the_field(
    live_server, login, trainer
):
    course = make_course(modules=1, lessons=1, body=FISHBONE_BODY)
    lesson = lessons_of(course)[0]
    page = login(trainer)
    page.goto(f"{live_server.url}/cms/pages/{lesson.pk}/edit/")
    effect = page.locator('input[name="body-1-value-effect"]')
    expect(effect).to_have_value("设备维修后开机报警停机")
    effect.fill("")
    page.locator('footer button[type="submit"]').first.click()
    message = "鱼骨图必须填写结果：各项原因导致的问题。"
    expect(page.get_by_text(message)).to_be_visible()
    lesson.refresh_from_db()
    assert (
        lesson.get_latest_revision() is None
        or (lesson.get_latest_revision().as_object().body[1].value["effect"])
    )

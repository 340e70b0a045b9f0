import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from courses import api, demo
from courses.models import Cohort, CoursePage, LessonCompletion, LessonPage, ModulePage

pytestmark = pytest.mark.django_db


def test_demo_course_is_complete_bilingual_and_idempotent(caplog):
    import logging

    caplog.set_level(logging.WARNING)
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    counts = (LessonPage.objects.count(), LessonCompletion.objects.count())
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    assert (LessonPage.objects.count(), LessonCompletion.objects.count()) == counts

    course = CoursePage.objects.get(slug=demo.content.COURSE_SLUG, locale__language_code="zh-hans")
    titles = list(ModulePage.objects.child_of(course).values_list("title", flat=True))
    assert len(titles) >= 4
    assert titles[1] == "售后工程师的角色与职责"
    assert titles[2] == "问题分析与解决的方法论"
    method = ModulePage.objects.child_of(course).get(slug="problem-solving-method")
    assert LessonPage.objects.child_of(method).count() == 4  # one lesson per stage
    # The deck's closing parts, 课程实践解读 and 总结与展望, close the course in both languages.
    closing = ModulePage.objects.child_of(course).last()
    assert closing.title == "课程实践解读与总结展望"
    assert list(LessonPage.objects.child_of(closing).values_list("title", flat=True)) == [
        "课程实践解读",
        "总结与展望",
    ]
    english_closing = closing.get_translation(Locale.objects.get(language_code="en"))
    assert english_closing.live
    assert english_closing.title == "Practice, summary and outlook"
    assert [page.title for page in LessonPage.objects.child_of(english_closing).live()] == [
        "The course in practice",
        "Summary and outlook",
    ]

    zh_lessons = LessonPage.objects.descendant_of(course)
    assert all(len(lesson.body) >= 4 for lesson in zh_lessons)
    types = {block.block_type for lesson in zh_lessons for block in lesson.body}
    assert {"fishbone", "five_whys", "process_steps", "knowledge_check"} <= types
    slugs = {
        block.value["quiz_slug"]
        for lesson in zh_lessons
        for block in lesson.body
        if block.block_type == "knowledge_check"
    }
    assert slugs == {"kc-module-1", "kc-module-2", "kc-module-3", "kc-module-4"}

    english = LessonPage.objects.filter(locale__language_code="en", live=True)
    assert english.count() == zh_lessons.count()
    assert all(lesson.title.isascii() for lesson in english)

    cohort = Cohort.objects.get(name=demo.COHORT_NAME)
    assert set(cohort.trainers.values_list("username", flat=True)) == {"trainer", "trainer2"}
    assert cohort.learners.count() == 12
    percents = {
        api.course_progress(user_id=pk, course_id=course.pk).percent
        for pk in api.cohort_learner_ids(cohort_id=cohort.pk)
    }
    assert 0 in percents and 100 in percents and len(percents) >= 8

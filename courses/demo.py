"""Demo data of the courses app: the full course in Chinese and English, a cohort, progress.

Called by ``manage.py load_demo_data`` after the accounts exist. Idempotent: pages are matched
by slug and left alone when they exist (a trainer's edits survive a second run), the cohort by
name, completions by learner and lesson.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page

from courses import demo_content as content
from courses import services, setup
from courses.models import (
    PATH_STEP,
    Cohort,
    CourseIndexPage,
    CoursePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
)
from notifications import api as notifications

COHORT_NAME = "2026年7月新员工入职班"
TRAINERS = ["trainer", "trainer2"]
LEAD_TRAINERS = ["trainer"]
# How many lessons (in course order) each demo learner has completed.
PROGRESS = {
    "learner": 3,
    "learner02": 14,
    "learner03": 0,
    "learner04": 8,
    "learner05": 2,
    "learner06": 11,
    "learner07": 6,
    "learner08": 4,
    "learner09": 9,
    "learner10": 1,
    "learner11": 5,
    "learner12": 12,
}


def load(*, password: str | None, stdout) -> None:
    indexes = setup.ensure_course_site()
    zh_index = indexes[0]
    created = 0
    course, was_created = _ensure_course(zh_index)
    created += was_created
    lessons: list[LessonPage] = []
    for module_data in content.MODULES:
        module, was_created = _ensure_module(course, module_data)
        created += was_created
        for lesson_data in module_data.lessons:
            lesson, was_created = _ensure_lesson(module, lesson_data)
            created += was_created
            lessons.append(lesson)
    translated = _ensure_english(course)
    cohort = _ensure_cohort(course)
    completions = _ensure_progress(cohort, lessons, course)
    stdout.write(
        f"  courses: {created} pages created, {translated} English translations created, "
        f"cohort “{cohort.name}” with {cohort.learners.count()} learners, "
        f"{completions} lesson completions added"
    )


# --- Pages ----------------------------------------------------------------------------------


def _resolve(value, language: str):
    """Turn a demo block value with ``T`` texts into the stored value of one language."""
    if isinstance(value, content.T):
        return value.get(language)
    if isinstance(value, dict):
        return {key: _resolve(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, language) for item in value]
    return value


def stream_body(blocks, language: str) -> list[dict]:
    body = []
    for block_type, value in blocks:
        value = _resolve(value, language)
        if block_type == "table":
            value = {
                "data": value["rows"],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_header_choice": "row",
                "table_caption": value["caption"],
            }
        body.append({"type": block_type, "value": value})
    return body


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _ensure_course(index: CourseIndexPage) -> tuple[CoursePage, bool]:
    existing = CoursePage.objects.child_of(index).filter(slug=content.COURSE_SLUG).first()
    if existing:
        return existing, False
    course = index.add_child(
        instance=CoursePage(
            title=content.COURSE_TITLE.zh,
            slug=content.COURSE_SLUG,
            introduction=content.COURSE_INTRO.zh,
            learning_objectives=content.COURSE_OBJECTIVES.zh,
            estimated_hours=4,
        )
    )
    _publish(course)
    return course, True


def _ensure_module(course: CoursePage, data: content.Module) -> tuple[ModulePage, bool]:
    existing = ModulePage.objects.child_of(course).filter(slug=data.slug).first()
    if existing:
        return existing, False
    module = course.add_child(
        instance=ModulePage(
            title=data.title.zh,
            slug=data.slug,
            summary=data.summary.zh,
            requires_previous=data.requires_previous,
        )
    )
    _publish(module)
    return module, True


def _ensure_lesson(module: ModulePage, data: content.Lesson) -> tuple[LessonPage, bool]:
    existing = LessonPage.objects.child_of(module).filter(slug=data.slug).first()
    if existing:
        return existing, False
    lesson = module.add_child(
        instance=LessonPage(
            title=data.title.zh,
            slug=data.slug,
            summary=data.summary.zh,
            estimated_minutes=data.minutes,
            body=stream_body(data.body, "zh-hans"),
        )
    )
    _publish(lesson)
    return lesson, True


def _ensure_english(course: CoursePage) -> int:
    """Translate the course, its modules and lessons into English where not yet done."""
    en = Locale.objects.get(language_code="en")
    created = 0

    def translate(page, fields: dict) -> Page:
        nonlocal created
        existing = page.get_translation_or_none(en)
        if existing is not None:
            return existing.specific
        copy = page.copy_for_translation(en).specific
        for name, value in fields.items():
            setattr(copy, name, value)
        _publish(copy)
        created += 1
        return copy

    translate(
        course,
        {
            "title": content.COURSE_TITLE.en,
            "introduction": content.COURSE_INTRO.en,
            "learning_objectives": content.COURSE_OBJECTIVES.en,
        },
    )
    for module_data in content.MODULES:
        module = ModulePage.objects.child_of(course).filter(slug=module_data.slug).first()
        if module is None:
            continue
        translate(module, {"title": module_data.title.en, "summary": module_data.summary.en})
        for lesson_data in module_data.lessons:
            lesson = LessonPage.objects.child_of(module).filter(slug=lesson_data.slug).first()
            if lesson is None:
                continue
            translate(
                lesson,
                {
                    "title": lesson_data.title.en,
                    "summary": lesson_data.summary.en,
                    "body": stream_body(lesson_data.body, "en"),
                },
            )
    return created


# --- Cohort and progress --------------------------------------------------------------------


def _ensure_cohort(course: CoursePage) -> Cohort:
    User = get_user_model()
    cohort, _created = Cohort.objects.get_or_create(
        name=COHORT_NAME,
        defaults={"course": course, "start_date": date(2026, 7, 1), "end_date": date(2026, 9, 30)},
    )
    learners = User.objects.filter(username__in=PROGRESS)
    trainers = User.objects.filter(username__in=TRAINERS)
    services.cohort_enrol(cohort=cohort, learners=learners, trainers=trainers)
    lead = Group.objects.get(name=setup.LEAD_TRAINER)
    for user in User.objects.filter(username__in=LEAD_TRAINERS):
        user.groups.add(lead)
    # The cohort's group chat is the demo robot, posting to the local sink (manage.py robot_sink).
    if cohort.robot_id is None:
        cohort.robot = notifications.demo_robot()
        cohort.save(update_fields=["robot"])
    return cohort


def _ensure_progress(cohort: Cohort, lessons: list[LessonPage], course: CoursePage) -> int:
    """Give each demo learner the progress of ``PROGRESS`` (only where they have none yet)."""
    User = get_user_model()
    now = timezone.now()
    added = 0
    keys = [lesson.translation_key for lesson in lessons]
    module_keys = dict(
        Page.objects.filter(path__in={lesson.path[:-PATH_STEP] for lesson in lessons}).values_list(
            "path", "translation_key"
        )
    )
    for index, (username, count) in enumerate(PROGRESS.items()):
        user = User.objects.filter(username=username).first()
        if user is None or count == 0:
            continue
        if LessonCompletion.objects.filter(user=user, lesson_key__in=keys).exists():
            continue
        done = lessons[:count]
        for n, lesson in enumerate(done):
            # A lesson or two a day, the latest some hours to a few days ago.
            when = now - timedelta(days=(count - n) + index % 4, hours=3 * (index % 5))
            LessonCompletion.objects.create(
                user=user,
                lesson_key=lesson.translation_key,
                module_key=module_keys[lesson.path[:-PATH_STEP]],
                course_key=course.translation_key,
                lesson=lesson,
                completed_at=when,
            )
            added += 1
        current = lessons[count] if count < len(lessons) else lessons[-1]
        services.record_visit(
            user=user,
            course_key=course.translation_key,
            lesson_key=current.translation_key,
            visited_at=now - timedelta(hours=2 + index),
        )
    return added

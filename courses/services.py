"""Writes of the courses app: completing lessons, remembering where a learner is, cohorts."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from courses import selectors
from courses.models import (
    PATH_STEP,
    Cohort,
    CoursePage,
    CourseVisit,
    LessonCompletion,
    LessonPage,
    ModulePage,
)


class LessonUnavailable(Exception):
    """The lesson is not published (or one of its parents is not): answered with 404."""


class LessonLocked(Exception):
    """The lesson's module is locked for this learner: answered with 403."""


def _published_course(lesson: LessonPage) -> CoursePage:
    """The lesson's course, when the lesson, its module and its course are all live."""
    if not lesson.live:
        raise LessonUnavailable
    course = CoursePage.objects.live().filter(path=lesson.course_path()).first()
    if course is None:
        raise LessonUnavailable
    return course


def lesson_mark_complete(
    *, user, lesson: LessonPage, completed_at: datetime | None = None
) -> LessonCompletion:
    """Record that ``user`` completed ``lesson``; idempotent (the first time is kept).

    Raises ``LessonUnavailable`` for an unpublished lesson and ``LessonLocked`` when its module
    is locked for the user; nothing is recorded then.
    """
    course = _published_course(lesson)
    outline = selectors.course_outline(course=course, user=user)
    item = outline.lesson(lesson.pk)
    if item is None:  # the module is not published
        raise LessonUnavailable
    if item.locked:
        raise LessonLocked
    module = outline.module(item.module_id)
    existing = LessonCompletion.objects.filter(user=user, lesson_key=lesson.translation_key)
    completion = existing.first()
    if completion is not None:
        return completion
    try:
        with transaction.atomic():
            return LessonCompletion.objects.create(
                user=user,
                lesson_key=lesson.translation_key,
                module_key=module.key,
                course_key=course.translation_key,
                lesson=lesson,
                completed_at=completed_at or timezone.now(),
            )
    except IntegrityError:  # a double click raced us: the first completion stands
        return existing.get()


def lesson_mark_incomplete(*, user, lesson: LessonPage) -> bool:
    """Take back a completion (the learner wants to go through the lesson again)."""
    _published_course(lesson)
    deleted, _ = LessonCompletion.objects.filter(
        user=user, lesson_key=lesson.translation_key
    ).delete()
    return bool(deleted)


def lesson_record_visit(*, user, lesson: LessonPage) -> None:
    """Remember the lesson ``user`` opened last in its course (for "continue")."""
    course_key = (
        CoursePage.objects.filter(path=lesson.path[: -2 * PATH_STEP])
        .values_list("translation_key", flat=True)
        .first()
    )
    if course_key is None:
        return
    record_visit(user=user, course_key=course_key, lesson_key=lesson.translation_key)


def record_visit(*, user, course_key, lesson_key, visited_at: datetime | None = None) -> None:
    visited_at = visited_at or timezone.now()
    updated = CourseVisit.objects.filter(user=user, course_key=course_key).update(
        lesson_key=lesson_key, visited_at=visited_at
    )
    if not updated:
        try:
            with transaction.atomic():
                CourseVisit.objects.create(
                    user=user, course_key=course_key, lesson_key=lesson_key, visited_at=visited_at
                )
        except IntegrityError:
            pass  # a parallel request recorded it first


def completions_follow_move(*, page: Page, new_parent: Page) -> int:
    """Keep completions' module and course keys right after a lesson or module moved."""
    specific_class = page.specific_class
    if specific_class is not None and issubclass(specific_class, LessonPage):
        course_key = (
            Page.objects.filter(path=new_parent.path[:-PATH_STEP])
            .values_list("translation_key", flat=True)
            .first()
        )
        return LessonCompletion.objects.filter(lesson_key=page.translation_key).update(
            module_key=new_parent.translation_key, course_key=course_key
        )
    if specific_class is not None and issubclass(specific_class, ModulePage):
        return LessonCompletion.objects.filter(module_key=page.translation_key).update(
            course_key=new_parent.translation_key
        )
    return 0


def cohort_enrol(*, cohort: Cohort, learners=(), trainers=()) -> None:
    """Add learners and trainers to a cohort (already-enrolled people are left alone)."""
    if learners:
        cohort.learners.add(*learners)
    if trainers:
        cohort.trainers.add(*trainers)

"""What other apps may ask of the courses app, as plain frozen values (no models).

Course ids are the ids of course pages. A course and its translations are one course: any of
their ids may be passed in, and progress made in either language counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.contrib.auth import get_user_model

from courses import page_cache, progress, selectors, structure
from courses.models import Cohort, CoursePage
from lms import request_memo
from lms.bilingual import CHINESE, ENGLISH, Localized, wants_english


@dataclass(frozen=True)
class CourseRef:
    id: int
    title: str
    url: str


@dataclass(frozen=True)
class CohortRef:
    id: int
    name: str
    course_id: int
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class CourseProgress:
    percent: int
    completed_lessons: int
    total_lessons: int
    last_activity: datetime | None


def course_choices() -> list[CourseRef]:
    """Live courses in the default language (the ids cohorts refer to), with the title and URL
    in the active language when a translation exists."""
    courses = list(
        CoursePage.objects.live().filter(locale=selectors.default_locale()).order_by("path")
    )
    localized = selectors.localized_courses(courses)
    return [
        CourseRef(id=course.id, title=shown.title, url=shown.get_url() or "")
        for course, shown in zip(courses, localized, strict=True)
    ]


def _same_course_ids(course_id: int) -> list[int]:
    """The ids of the course page and its translations."""
    key = CoursePage.objects.filter(pk=course_id).values("translation_key")
    return list(CoursePage.objects.filter(translation_key__in=key).values_list("id", flat=True))


def learner_ids_for_course(*, course_id: int) -> set[int]:
    """User ids of the learners in any cohort of the course."""
    through = Cohort.learners.through
    return set(
        through.objects.filter(cohort__course_id__in=_same_course_ids(course_id)).values_list(
            "user_id", flat=True
        )
    )


def cohorts(*, course_id: int | None = None) -> list[CohortRef]:
    """Every cohort, or those of one course, newest first."""
    qs = Cohort.objects.all()
    if course_id is not None:
        qs = qs.filter(course_id__in=_same_course_ids(course_id))
    return [
        CohortRef(
            id=c.id,
            name=c.name,
            course_id=c.course_id,
            start_date=c.start_date,
            end_date=c.end_date,
        )
        for c in qs.order_by("-start_date", "name")
    ]


def cohort_learner_ids(*, cohort_id: int) -> list[int]:
    """User ids of a cohort's learners, by employee ID then username (empty if no cohort)."""
    return list(
        get_user_model()
        .objects.filter(cohorts__id=cohort_id)
        .order_by("employee_id", "username")
        .values_list("id", flat=True)
    )


def course_progress(*, user_id: int, course_id: int) -> CourseProgress:
    """How far a user is in a course (all zero for an unknown user or course)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    course = CoursePage.objects.filter(pk=course_id).first()
    if user is None or course is None:
        return CourseProgress(percent=0, completed_lessons=0, total_lessons=0, last_activity=None)
    outline = selectors.course_outline(course=course, user=user)
    return CourseProgress(
        percent=outline.percent,
        completed_lessons=outline.completed,
        total_lessons=outline.total,
        last_activity=outline.last_activity,
    )


def people_progress(*, user_ids: Iterable[int]) -> dict[int, CourseProgress]:
    """Each person's progress over every live course together (lessons done in any language
    count), as the cohort table counts it; an entry for every id asked.

    A fixed number of queries (about 7) for any number of people, courses and lessons: the
    cohort table's own reads (``courses.selectors``), for people rather than a cohort.
    """
    user_ids = set(user_ids)
    courses = list(CoursePage.objects.live().filter(locale=selectors.default_locale()))
    modules, lessons = structure.course_structure(courses)
    per_module = progress.lessons_per_module(lessons)
    total = sum(per_module.get(module.id, 0) for module in modules)
    done: dict[tuple[int, int], int] = {}
    last_done = {}
    if user_ids and courses:
        counts, last_done = selectors.completion_counts(courses=courses, user_ids=user_ids)
        done = progress.module_completions(
            counts=counts, modules=modules, lessons_per_module=per_module
        )
    completed: dict[int, int] = {}
    for (user_id, _module_id), n in done.items():
        completed[user_id] = completed.get(user_id, 0) + n
    return {
        user_id: CourseProgress(
            percent=progress.percent(completed.get(user_id, 0), total),
            completed_lessons=completed.get(user_id, 0),
            total_lessons=total,
            last_activity=last_done.get(user_id),
        )
        for user_id in user_ids
    }


def course_completion(
    *,
    user_ids: Iterable[int],
    course_ids: Iterable[int],
    memo: request_memo.Memo | None = None,
) -> dict[tuple[int, int], CourseProgress]:
    """Each person's progress in each of these courses (by page id; a translation counts as its
    course), an entry for every pair asked; an unknown or unpublished course is all zero.

    The courses' structure is the same for every reader and kept in the shared cache
    (decision 0904): 1 query when it is there, about 5 when it is not, whatever the number of
    people and courses. For one person with the request's ``memo``, their completions as the
    dashboard's "my courses" panel reads them (``courses.completions``): one read for both.
    """
    user_ids = set(user_ids)
    course_ids = set(course_ids)
    shape = page_cache.cached(
        page_cache.key("completion-shape", *sorted(course_ids)),
        lambda: _completion_shape(course_ids),
    )
    done: dict[tuple[int, int], int] = {}
    last_done: dict = {}
    if user_ids and shape.courses:
        counts, last_done = selectors.completion_counts(
            courses=list(shape.courses), user_ids=user_ids, memo=memo
        )
        done = progress.module_completions(
            counts=counts, modules=shape.modules, lessons_per_module=shape.lessons_per_module
        )
    found: dict[tuple[int, int], CourseProgress] = {}
    for course_id in course_ids:
        module_ids = shape.module_ids.get(course_id, ())
        total = sum(shape.lessons_per_module.get(module_id, 0) for module_id in module_ids)
        for user_id in user_ids:
            completed = sum(done.get((user_id, module_id), 0) for module_id in module_ids)
            found[(user_id, course_id)] = CourseProgress(
                percent=progress.percent(completed, total),
                completed_lessons=completed,
                total_lessons=total,
                last_activity=last_done.get(user_id) if completed else None,
            )
    return found


@dataclass(frozen=True)
class _LiveCourse:
    """What counting completions needs of a live course (``selectors.completion_counts``)."""

    pk: int
    path: str
    depth: int
    translation_key: UUID


@dataclass(frozen=True)
class _CompletionShape:
    """The structure ``course_completion`` counts against, the same for every reader."""

    courses: tuple[_LiveCourse, ...]  # the live courses (default language) of those asked
    modules: tuple[progress.ModuleRow, ...]
    lessons_per_module: dict[int, int]
    module_ids: dict[int, tuple[int, ...]]  # course id asked → its live course's modules


def _completion_shape(course_ids: set[int]) -> _CompletionShape:
    asked = list(CoursePage.objects.filter(pk__in=course_ids).only("translation_key"))
    courses = list(
        CoursePage.objects.live().filter(
            locale=selectors.default_locale(),
            translation_key__in={course.translation_key for course in asked},
        )
    )
    by_key = {course.translation_key: course for course in courses}
    modules, lessons = structure.course_structure(courses)
    module_ids = {}
    for course in asked:
        live = by_key.get(course.translation_key)
        module_ids[course.pk] = tuple(
            m.id for m in modules if live and m.path.startswith(live.path)
        )
    return _CompletionShape(
        courses=tuple(_LiveCourse(c.pk, c.path, c.depth, c.translation_key) for c in courses),
        modules=tuple(modules),
        lessons_per_module=progress.lessons_per_module(lessons),
        module_ids=module_ids,
    )


def course_links(*, course_ids: Iterable[int]) -> dict[int, CourseRef]:
    """Each course page's title and URL in the active language: its live translation when it
    has one, else the page itself, its title then marked as a fallback on an English page
    (``lms.bilingual.Localized``). Unknown ids are left out. The same for every reader: kept
    in the shared cache per language and set of ids (decision 0904), else 2 queries for any
    number of courses."""
    course_ids = sorted(set(course_ids))
    cache_key = page_cache.key("course-links", page_cache.language(), *course_ids)
    rows = page_cache.cached(cache_key, lambda: _course_link_rows(course_ids))
    return {
        pk: CourseRef(id=pk, title=Localized(title, lang=lang, fallback=fallback), url=url)
        for pk, title, lang, fallback, url in rows
    }


def _course_link_rows(course_ids: list[int]) -> list[tuple[int, str, str, bool, str]]:
    """(id, title, its language, whether it is a fallback, URL) of each course found."""
    asked = list(CoursePage.objects.filter(pk__in=course_ids).select_related("locale"))
    locale = selectors.active_locale()
    translated = {
        page.translation_key: page
        for page in CoursePage.objects.live()
        .filter(translation_key__in=[c.translation_key for c in asked], locale=locale)
        .select_related("locale")
    }
    rows = []
    for course in asked:
        shown = translated.get(course.translation_key, course)
        in_english = wants_english(shown.locale.language_code)
        lang = ENGLISH if in_english else CHINESE
        fallback = wants_english() and not in_english
        rows.append((course.pk, str(shown.title), lang, fallback, shown.get_url() or ""))
    return rows


@dataclass(frozen=True)
class ChecklistCourse:
    """One course (title and URL in the active language) and how far one person is in it."""

    course: CourseRef
    progress: CourseProgress
    complete: bool  # every live lesson done (a course without lessons is never complete)


def _title(shown: CoursePage, course: CoursePage) -> Localized:
    """A course's title as shown: the Chinese one on an English page is marked a fallback."""
    untranslated = shown.pk == course.pk
    english = wants_english()
    return Localized(
        shown.title,
        lang=ENGLISH if english and not untranslated else CHINESE,
        fallback=english and untranslated,
    )


def course_checklist(*, user_id: int, course_ids: Iterable[int]) -> dict[int, ChecklistCourse]:
    """A checklist of courses for one person (an exam's prerequisites): each course's title and
    URL in the active language with the person's progress, by the ids asked (unknown ids left
    out; lessons done in either language count). A constant number of queries (about 7)
    however many courses. (``course_completion`` gives progress alone, for many people.)"""
    course_ids = list(dict.fromkeys(course_ids))
    user = get_user_model().objects.filter(pk=user_id).first()
    courses = list(CoursePage.objects.filter(pk__in=course_ids).order_by("path"))
    if not courses or user is None:
        return {}
    rows = selectors.courses_progress(user=user, courses=courses)
    shown = selectors.localized_courses(courses)
    return {
        row.id: ChecklistCourse(
            course=CourseRef(id=row.id, title=_title(page, course), url=page.get_url() or row.url),
            progress=CourseProgress(
                percent=row.outline.percent,
                completed_lessons=row.outline.completed,
                total_lessons=row.outline.total,
                last_activity=row.outline.last_activity,
            ),
            complete=row.outline.is_complete,
        )
        for row, course, page in zip(rows, courses, shown, strict=True)
    }


# --- Personal data (issue 18, decision 1002): privacy's export ---------------------------------


def personal_data(*, person) -> dict[str, list[dict]]:
    """The lessons the person completed and the courses they visited."""
    from courses.models import CourseVisit, LessonCompletion

    completed = LessonCompletion.objects.filter(user=person).order_by("completed_at")
    visits = CourseVisit.objects.filter(user=person).order_by("visited_at")
    return {
        "progress": list(
            completed.values(
                "course_key", "module_key", "lesson_key", "lesson__title", "completed_at"
            )
        ),
        "course_visits": list(visits.values("course_key", "lesson_key", "visited_at")),
    }

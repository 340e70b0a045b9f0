"""Reads of courses, progress and cohorts.

Every function here runs a fixed number of queries, whatever the number of modules, lessons,
learners or cohorts: rows are fetched in bulk and combined by the pure ``courses.progress``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from uuid import UUID

from django.db.models import Count, Max, Q, QuerySet
from wagtail.models import Locale, Page

from courses import page_cache, progress, text_search
from courses.completions import by_lesson, own_completions, per_module
from courses.models import (
    PATH_STEP,
    Cohort,
    CourseIndexPage,
    CoursePage,
    CourseVisit,
    LessonCompletion,
    LessonPage,
)
from courses.structure import course_of_module, course_structure, structure_key
from lms import roles
from lms.request_memo import Memo


def locks_apply_to(user) -> bool:
    """Module locks hold for learners; trainers and administrators read every module."""
    return not roles.has_role(user, roles.TRAINER)


def active_locale() -> Locale:
    """The Wagtail locale of the active language (the default locale when it has none); kept
    in the shared cache under the tree version, which a locale's change bumps."""
    return page_cache.cached(page_cache.key("locale", page_cache.language()), _active_locale)


def default_locale() -> Locale:
    """Wagtail's default locale (the site's first language), from the shared cache."""
    return page_cache.cached(page_cache.key("locale", ""), Locale.get_default)


def _active_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


# --- Course outlines ---------------------------------------------------------------------


def _completions(user, courses: list[CoursePage], keys, memo=None) -> dict[UUID, datetime]:
    """Lesson key → when ``user`` completed it, of these lessons of these ``courses``.

    Completions carry their course's key (kept current when pages move), so the query names
    the courses, not every lesson (300 keys in a large course's query cost more to build than
    to run); one without a course key still counts by its lesson.
    """
    keys = set(keys)
    if not user.is_authenticated or not keys:
        return {}
    if memo is not None:
        rows = own_completions(user_id=user.pk, memo=memo)
        course_keys = {c.translation_key for c in courses}
        return by_lesson(rows, course_keys=course_keys, lesson_keys=keys)
    rows = LessonCompletion.objects.filter(
        Q(course_key__in={c.translation_key for c in courses}) | Q(course_key__isnull=True),
        user=user,
    )
    return {
        key: completed_at
        for key, completed_at in rows.values_list("lesson_key", "completed_at")
        if key in keys
    }


def course_outline(
    *, course: CoursePage, user, request=None, where_to_continue: bool = True
) -> progress.Outline:
    """The course's live modules and lessons with ``user``'s progress: 2 queries (completions,
    last visit); the structure and the roles come from the cache.

    ``where_to_continue``: read the lesson the user last opened, for the course page's
    "continue where you left off" and last activity; a module or lesson page shows neither."""
    modules, lessons = course_structure([course], request)
    completions = _completions(user, [course], [lesson.key for lesson in lessons])
    visit = None
    if user.is_authenticated and where_to_continue:
        visit = CourseVisit.objects.filter(user=user, course_key=course.translation_key).first()
    return progress.build_outline(
        modules=modules,
        lessons=lessons,
        completions=completions,
        last_visited=visit.lesson_key if visit else None,
        last_visited_at=visit.visited_at if visit else None,
        locks_apply=locks_apply_to(user),
        source=structure_key(course, request),
    )


def course_and_outline(
    *, course_path: str, user, request=None
) -> tuple[CoursePage | None, progress.Outline]:
    """The course at ``course_path`` (from the page cache) and its outline for a module or
    lesson page; an empty outline when there is none yet (the preview of a page not saved in
    the tree)."""
    course = page_cache.cached(
        page_cache.key("course-at", course_path),
        lambda: CoursePage.objects.filter(path=course_path).first(),
    )
    if course is None:
        empty = progress.build_outline(modules=[], lessons=[], completions={})
        return None, empty
    return course, course_outline(
        course=course, user=user, request=request, where_to_continue=False
    )


@dataclass(frozen=True)
class CourseRow:
    """A course in a list, with one learner's progress."""

    id: int
    key: UUID
    title: str
    url: str
    estimated_hours: float | None
    outline: progress.Outline


def courses_progress(
    *, user, courses: list[CoursePage], request=None, memo: Memo | None = None
) -> list[CourseRow]:
    """Each course of ``courses`` with ``user``'s progress, in 4 queries for any number (the
    completions shared through the request's ``memo``, ``courses.completions``)."""
    courses = list(courses)
    modules, lessons = course_structure(courses, request)
    completions = _completions(user, courses, [lesson.key for lesson in lessons], memo)
    visits = {}
    if user.is_authenticated and courses:
        visits = {
            v.course_key: v
            for v in CourseVisit.objects.filter(
                user=user, course_key__in=[c.translation_key for c in courses]
            )
        }
    site = page_cache.site_for(request) if request is not None else None
    result = []
    for course in courses:
        course_modules = [m for m in modules if course_of_module(m) == course.path]
        module_ids = {m.id for m in course_modules}
        visit = visits.get(course.translation_key)
        outline = progress.build_outline(
            modules=course_modules,
            lessons=[lesson for lesson in lessons if lesson.module_id in module_ids],
            completions=completions,
            last_visited=visit.lesson_key if visit else None,
            last_visited_at=visit.visited_at if visit else None,
            locks_apply=locks_apply_to(user),
        )
        result.append(
            CourseRow(
                id=course.id,
                key=course.translation_key,
                title=course.title,
                url=course.get_url(request, current_site=site) or "",
                estimated_hours=course.estimated_hours,
                outline=outline,
            )
        )
    return result


def localized_courses(courses: list[CoursePage]) -> list[CoursePage]:
    """Each course in the active language when it has a live translation, else as it is."""
    keys = [c.translation_key for c in courses]
    locale = active_locale()
    translated = {
        c.translation_key: c
        for c in CoursePage.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    return [translated.get(c.translation_key, c) for c in courses]


def learner_courses(*, user) -> list[CoursePage]:
    """The courses of the learner's cohorts, in the active language; all live courses when
    the learner is in no cohort (course pages are open to every signed-in user). 1 query: the
    pages are kept in the shared cache per language and set of courses (decision 0904)."""
    course_ids = sorted(
        set(Cohort.objects.filter(learners=user).values_list("course_id", flat=True))
    )
    return page_cache.cached(
        page_cache.key("learner-courses", page_cache.language(), *course_ids),
        lambda: _learner_courses(course_ids),
    )


def _learner_courses(cohort_course_ids: list[int]) -> list[CoursePage]:
    enrolled = list(
        CoursePage.objects.live().filter(id__in=cohort_course_ids).order_by("path").distinct()
    )
    if enrolled:
        return localized_courses(enrolled)
    return list(CoursePage.objects.live().filter(locale=active_locale()).order_by("path"))


def course_index_url(request=None) -> str | None:
    """The URL of the course index in the active language (or the default one)."""
    locale = active_locale()
    index = CourseIndexPage.objects.live().filter(locale=locale).first()
    if index is None:
        index = CourseIndexPage.objects.live().order_by("path").first()
    return index.get_url(request) if index else None


@dataclass(frozen=True)
class Translation:
    language_code: str
    url: str
    current: bool


def page_translations(page: Page, request=None) -> list[Translation]:
    """The live translations of ``page`` (itself included): one query, or none when the
    shared cache has them for this page and host (decision 0904)."""
    if not page.pk or getattr(request, "is_preview", False):
        return _page_translations(page, request)
    host = request.get_host() if request is not None else ""
    return page_cache.cached(
        page_cache.key("translations", page.pk, host),
        lambda: _page_translations(page, request),
    )


def _page_translations(page: Page, request=None) -> list[Translation]:
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    result = []
    for translation in pages:
        url = translation.get_url(request)
        if url:
            result.append(
                Translation(
                    language_code=translation.locale.language_code,
                    url=url,
                    current=translation.pk == page.pk,
                )
            )
    return result


# --- Search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    url: str
    module_title: str
    course_title: str
    before: str
    match: str
    after: str


SEARCH_CANDIDATES = 50


def search_lessons(*, query: str, locale: Locale | None = None, request=None) -> list[SearchHit]:
    """Live lessons of ``locale`` whose text contains the query (Chinese words included).

    The search index finds candidates by CJK bigrams (``courses.text_search``); each candidate
    is then checked to contain every Chinese term as written.
    """
    index_query = text_search.ngram_query(query)
    if not index_query:
        return []
    locale = locale or active_locale()
    candidates = LessonPage.objects.live().filter(locale=locale)
    found = list(candidates.search(index_query, operator="and")[:SEARCH_CANDIDATES])
    hits = [(page, page.plain_text()) for page in found]
    hits = [(page, text) for page, text in hits if text_search.matches(text, query)]
    parents = {page.path[:-PATH_STEP] for page, _ in hits} | {
        page.path[: -2 * PATH_STEP] for page, _ in hits
    }
    titles = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
    result = []
    for page, text in hits:
        before, match, after = _snippet(text, query)
        result.append(
            SearchHit(
                id=page.id,
                title=page.title,
                url=page.get_url(request) or "",
                module_title=titles.get(page.path[:-PATH_STEP], ""),
                course_title=titles.get(page.path[: -2 * PATH_STEP], ""),
                before=before,
                match=match,
                after=after,
            )
        )
    return result


def _snippet(text: str, query: str, width: int = 48) -> tuple[str, str, str]:
    """The text around the first query term: (before, term as written, after)."""
    text = " ".join(html.unescape(text).split())
    folded = text_search.normalise(text)
    for term in text_search.query_terms(query):
        at = folded.find(term)
        if at >= 0 and len(folded) == len(text):
            start = max(0, at - width)
            end = min(len(text), at + len(term) + width)
            return (
                ("…" if start else "") + text[start:at],
                text[at : at + len(term)],
                text[at + len(term) : end] + ("…" if end < len(text) else ""),
            )
    return text[: 2 * width] + ("…" if len(text) > 2 * width else ""), "", ""


# --- Cohorts --------------------------------------------------------------------------------


def cohorts_for_trainer(*, user) -> QuerySet:
    """Cohorts the user trains; administrators see every cohort."""
    qs = Cohort.objects.select_related("course").order_by("-start_date", "name")
    if roles.has_role(user, roles.ADMINISTRATOR):
        return qs
    return qs.filter(trainers=user)


def cohort_for_trainer(*, user, cohort_id: int) -> Cohort | None:
    return cohorts_for_trainer(user=user).filter(pk=cohort_id).first()


def cohort_tables(*, cohorts: list[Cohort]) -> list[progress.CohortTable]:
    """Learners × modules progress of each cohort: 6 queries for any number of cohorts,
    modules, lessons and learners (completions are counted per learner and module by the
    database)."""
    cohorts = list(cohorts)
    if not cohorts:
        return []
    courses = list({c.course_id: c.course for c in cohorts}.values())
    modules, lessons = course_structure(courses)
    titles = _localized_titles(modules)
    learners_by_cohort = _cohort_learners(cohorts)
    user_ids = {learner.id for learners in learners_by_cohort.values() for learner in learners}
    per_module = progress.lessons_per_module(lessons)
    done: dict[tuple[int, int], int] = {}
    last_done: dict[int, datetime] = {}
    visits: dict[UUID, dict[int, datetime]] = {}
    if user_ids:
        counts, last_done = completion_counts(courses=courses, user_ids=user_ids)
        done = progress.module_completions(
            counts=counts, modules=modules, lessons_per_module=per_module
        )
        visits = _course_visits(courses=courses, user_ids=user_ids)
    tables = []
    for cohort in cohorts:
        course = cohort.course
        course_modules = [m for m in modules if course_of_module(m) == course.path]
        rows = progress.cohort_rows(
            learners=learners_by_cohort.get(cohort.id, []),
            module_ids=[m.id for m in course_modules],
            lessons_per_module=per_module,
            done=done,
            last_done=last_done,
            last_visit=visits.get(course.translation_key, {}),
        )
        tables.append(
            progress.cohort_table(
                id=cohort.id,
                name=cohort.name,
                course_title=titles.get(course.translation_key, course.title),
                start_date=cohort.start_date,
                end_date=cohort.end_date,
                modules=course_modules,
                titles=titles,
                rows=rows,
                lessons_per_module=per_module,
            )
        )
    return tables


def _cohort_learners(cohorts: list[Cohort]) -> dict[int, list[progress.Learner]]:
    """Cohort id → its learners (one query)."""
    memberships = (
        Cohort.learners.through.objects.filter(cohort__in=cohorts)
        .select_related("user")
        .only(
            "cohort_id",
            "user__id",
            "user__username",
            "user__display_name",
            "user__first_name",
            "user__last_name",
            "user__employee_id",
        )
    )
    learners_by_cohort: dict[int, list[progress.Learner]] = {}
    for membership in memberships:
        user = membership.user
        learners_by_cohort.setdefault(membership.cohort_id, []).append(
            progress.Learner(
                id=user.id,
                name=user.get_full_name(),
                username=user.username,
                employee_id=user.employee_id or "",
            )
        )
    return learners_by_cohort


def completion_counts(
    *, courses: list[CoursePage], user_ids: set[int], memo: Memo | None = None
) -> tuple[list[tuple[int, UUID, int]], dict[int, datetime]]:
    """(learner id, module key, completions) and learner id → last completion, in the
    ``courses`` (1 query; 2 when the shared cache does not know the courses' unpublished
    lessons yet).

    Completions carry their module and course keys, so the database counts them per learner
    and module from one index; completions of lessons that are not published (any more) are
    left out.
    """
    hidden_lessons = unpublished_lesson_keys(courses)
    if memo is not None and len(user_ids) == 1:  # counted from the read "my courses" shares
        (user_id,) = user_ids
        rows = own_completions(user_id=user_id, memo=memo)
        course_keys = {c.translation_key for c in courses}
        return per_module(
            rows, user_id=user_id, course_keys=course_keys, hidden_lessons=set(hidden_lessons)
        )
    done = LessonCompletion.objects.filter(
        user_id__in=user_ids, course_key__in=[c.translation_key for c in courses]
    )
    if hidden_lessons:
        done = done.exclude(lesson_key__in=hidden_lessons)
    grouped = (
        done.values_list("user_id", "module_key")
        .annotate(n=Count("id"), last=Max("completed_at"))
        .order_by()
    )
    counts, last_done = [], {}
    for user_id, module_key, n, last in grouped:
        counts.append((user_id, module_key, n))
        if user_id not in last_done or last > last_done[user_id]:
            last_done[user_id] = last
    return counts, last_done


def unpublished_lesson_keys(courses: list[CoursePage]) -> list[UUID]:
    """The translation keys of the lessons in ``courses`` that are not live: kept in the
    shared cache under the tree version (decision 0904), else 1 query."""
    if not courses:
        return []

    def read() -> list[UUID]:
        in_courses = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 2) for c in courses))
        hidden = LessonPage.objects.not_live().filter(in_courses)
        return list(hidden.values_list("translation_key", flat=True))

    key = page_cache.key("unpublished-lessons", *sorted(c.pk for c in courses))
    return page_cache.cached(key, read)


def _course_visits(
    *, courses: list[CoursePage], user_ids: set[int]
) -> dict[UUID, dict[int, datetime]]:
    """Course key → learner id → the learner's last visit of the course (one query)."""
    visits: dict[UUID, dict[int, datetime]] = {}
    for user_id, course_key, visited_at in CourseVisit.objects.filter(
        user_id__in=user_ids, course_key__in=[c.translation_key for c in courses]
    ).values_list("user_id", "course_key", "visited_at"):
        visits.setdefault(course_key, {})[user_id] = visited_at
    return visits


def _localized_titles(modules: list[progress.ModuleRow]) -> dict[UUID, str]:
    """Titles of these modules and their courses in the active language (one query)."""
    course_paths = {course_of_module(m) for m in modules}
    keys = [m.key for m in modules]
    course_keys = CoursePage.objects.filter(path__in=course_paths).values("translation_key")
    return dict(
        Page.objects.filter(
            Q(translation_key__in=keys) | Q(translation_key__in=course_keys),
            locale=active_locale(),
        ).values_list("translation_key", "title")
    )

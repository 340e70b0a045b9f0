"""A course's structure: its live modules and lessons as plain rows, read in bulk and kept in
the shared cache (``courses.page_cache``) per course page and course URL.

``module_rows`` and ``lesson_rows`` read the database (one query each, for any number of
courses); ``course_structure`` gives both for a list of courses from the cache, reading only
the courses it does not hold yet (with those same two queries).
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from courses import page_cache, progress
from courses.models import PATH_STEP, CoursePage, LessonPage, ModulePage


def _course_urls(courses: list[CoursePage], request=None) -> dict[str, tuple[str, str]]:
    """Course tree path → (url_path, URL) of each course, to derive its pages' URLs cheaply.

    A page's URL is its course's URL followed by the rest of its ``url_path`` (Wagtail routes
    by slugs), so the pages of a course need no ``get_url`` each.
    """
    return {c.path: (c.url_path, c.get_url(request) or "") for c in courses}


def _url_under(course_urls, path: str, url_path: str, depth_below: int) -> str:
    course_url_path, course_url = course_urls.get(path[: -depth_below * PATH_STEP], ("", ""))
    if not course_url or not url_path.startswith(course_url_path):
        return ""
    return course_url + url_path[len(course_url_path) :]


def module_rows(courses: list[CoursePage], request=None) -> list[progress.ModuleRow]:
    if not courses:
        return []
    course_urls = _course_urls(courses, request)
    in_courses = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses))
    modules = (
        ModulePage.objects.live()
        .filter(in_courses)
        .order_by("path")
        .values_list(
            "id", "title", "url_path", "path", "translation_key", "summary", "requires_previous"
        )
    )
    return [
        progress.ModuleRow(
            id=pk,
            key=key,
            title=title,
            url=_url_under(course_urls, path, url_path, 1),
            summary=summary,
            requires_previous=requires_previous,
            path=path,
        )
        for pk, title, url_path, path, key, summary, requires_previous in modules
    ]


def lesson_rows(
    courses: list[CoursePage], modules: list[progress.ModuleRow], request=None
) -> list[progress.LessonRow]:
    if not courses or not modules:
        return []
    course_urls = _course_urls(courses, request)
    module_by_path = {m.path: m for m in modules}
    in_courses = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 2) for c in courses))
    lessons = (
        LessonPage.objects.live()
        .filter(in_courses)
        .order_by("path")
        .values_list("id", "title", "url_path", "path", "translation_key", "estimated_minutes")
    )
    rows = []
    for pk, title, url_path, path, key, minutes in lessons:
        module = module_by_path.get(path[:-PATH_STEP])
        if module is None:  # its module is not published
            continue
        rows.append(
            progress.LessonRow(
                id=pk,
                key=key,
                module_id=module.id,
                title=title,
                url=_url_under(course_urls, path, url_path, 2),
                minutes=minutes,
            )
        )
    return rows


def course_of_module(module: progress.ModuleRow) -> str:
    return module.path[:-PATH_STEP]


def structure_key(course: CoursePage, request=None, *, version: str | None = None) -> str:
    """The cache key of ``course``'s structure: the course page and the host asked (the rows
    hold URLs, relative on the course's own site; a site's change bumps the tree version)."""
    host = request.get_host() if request is not None else ""
    return page_cache.key("structure", course.pk, host, version=version)


def course_structure(
    courses: list[CoursePage], request=None
) -> tuple[list[progress.ModuleRow], list[progress.LessonRow]]:
    """The live modules and lessons of ``courses`` in tree order, from the shared cache.

    Nothing in them depends on the reader (``structure_key``).
    """
    if not courses:
        return [], []
    version = page_cache.tree_version()
    keys = {c.pk: structure_key(c, request, version=version) for c in courses}
    found = page_cache.get_many(list(keys.values()))
    missing = [c for c in courses if keys[c.pk] not in found]
    if missing:
        modules = module_rows(missing, request)
        lessons = lesson_rows(missing, modules, request)
        module_ids: dict[str, set[int]] = {}
        for module in modules:
            module_ids.setdefault(course_of_module(module), set()).add(module.id)
        fresh = {}
        for course in missing:
            ids = module_ids.get(course.path, set())
            fresh[keys[course.pk]] = (
                [m for m in modules if m.id in ids],
                [lesson for lesson in lessons if lesson.module_id in ids],
            )
        page_cache.set_many(fresh)
        found.update(fresh)
    ordered = sorted({c.pk: c for c in courses}.values(), key=lambda c: c.path)
    all_modules = [m for c in ordered for m in found[keys[c.pk]][0]]
    all_lessons = [lesson for c in ordered for lesson in found[keys[c.pk]][1]]
    return all_modules, all_lessons

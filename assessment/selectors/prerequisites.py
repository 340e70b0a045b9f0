"""What a certification exam requires of one learner, as ``exams.api.Requirement`` values.

Registered as the ``exam_requirements`` hook (``assessment/wagtail_hooks.py``): the exam page
lists the requirements and ``exams`` refuses a start while one is not met (decision 0802).

Query budget, whatever the number of prerequisites: 1 for the exam's prerequisites, then for
each kind present: courses about 7 (``courses.api.course_checklist``), quizzes 3
(``exam_results`` and ``quiz_links``), cases 2 (``case_results`` and ``case_links``).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html
from django.utils.translation import gettext as _

from assessment.models import Prerequisite
from cases import api as cases_api
from courses import api as courses_api
from exams import api as exams_api
from lms.bilingual import pick
from lms.templatetags.bilingual import tr_mark

Requirement = exams_api.Requirement


def percent_text(value: Decimal | int) -> str:
    """ "60%", "72.5%": a percentage as people write it (the sign outside translated text)."""
    value = Decimal(value)
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _course_requirements(user, course_ids: list[int]) -> dict[int, Requirement]:
    if not course_ids:
        return {}
    completions = courses_api.course_checklist(user_id=user.pk, course_ids=course_ids)
    found = {}
    for course_id, done in completions.items():
        label = format_html(
            _("Complete the course {title} ({percent} done)"),
            title=tr_mark(done.course.title),
            percent=percent_text(done.progress.percent),
        )
        found[course_id] = Requirement(label=label, url=done.course.url, met=done.complete)
    return found


def _quiz_requirements(user, rows: list[Prerequisite]) -> dict[int, Requirement]:
    if not rows:
        return {}
    slugs = {row.pk: row.quiz.slug for row in rows}
    links = exams_api.quiz_links(slugs=slugs.values())
    results = exams_api.exam_results(user_ids=[user.pk], quiz_slugs=slugs.values())
    found = {}
    for row in rows:
        link, result = links[slugs[row.pk]], results[(user.pk, slugs[row.pk])]
        met = result.percent is not None and result.percent >= row.min_percent
        if result.percent is None:
            yours = _("no result yet")
        else:
            yours = _("your result: %(percent)s") % {"percent": percent_text(result.percent)}
        label = format_html(
            _("Reach {minimum} in {title} ({yours})"),
            minimum=percent_text(row.min_percent),
            title=tr_mark(link.title),
            yours=yours,
        )
        found[row.pk] = Requirement(label=label, url=link.url, met=met)
    return found


def _case_requirements(user, rows: list[Prerequisite]) -> dict[int, Requirement]:
    if not rows:
        return {}
    slugs = {row.pk: row.case.slug for row in rows}
    links = cases_api.case_links(slugs=slugs.values())
    results = cases_api.case_results(user_ids=[user.pk], case_slugs=slugs.values())
    found = {}
    for row in rows:
        link, result = links[slugs[row.pk]], results[(user.pk, slugs[row.pk])]
        label = format_html(
            _("Pass the practice case {title} ({status})"),
            title=tr_mark(pick(link.title, link.title_en)),
            status=cases_api.case_status_label(result.status),
        )
        found[row.pk] = Requirement(label=label, url=link.url, met=bool(result.passed))
    return found


def exam_requirements(*, user, quiz) -> list[Requirement]:
    """Every prerequisite of ``quiz`` (an ``exams.Quiz``) for ``user``, in the order written
    (none for an anonymous user, who cannot start an exam anyway)."""
    rows = list(
        Prerequisite.objects.filter(exam_id=quiz.pk)
        .select_related("quiz", "case")
        .only("pk", "kind", "course_id", "min_percent", "quiz__slug", "case__slug")
        .order_by("pk")
    )
    if not rows or not user.is_authenticated:
        return []
    by_kind = {kind: [row for row in rows if row.kind == kind] for kind in Prerequisite.Kind}
    courses = _course_requirements(
        user, [row.course_id for row in by_kind[Prerequisite.Kind.COURSE]]
    )
    quizzes = _quiz_requirements(user, by_kind[Prerequisite.Kind.QUIZ])
    cases = _case_requirements(user, by_kind[Prerequisite.Kind.CASE])
    requirements = []
    for row in rows:
        if row.kind == Prerequisite.Kind.COURSE:
            requirement = courses.get(row.course_id)
        elif row.kind == Prerequisite.Kind.QUIZ:
            requirement = quizzes.get(row.pk)
        else:
            requirement = cases.get(row.pk)
        if requirement is not None:
            requirements.append(requirement)
    return requirements

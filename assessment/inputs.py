"""Everything this app asks of the quiz engine (``exams``), the practice cases (``cases``) and
the course app (``courses``).

This is the only module that calls them, always through their ``api.py``. Each function returns
at once, without calling the other app, when there is nothing to ask: no slugs, no course, no
people.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from assessment import scoring
from assessment.titles import Titles
from cases import api as cases_api
from courses import api as courses_api
from exams import api as exams_api


def unknown_exam_slugs(slugs: Iterable[str]) -> list[str]:
    """The slugs that name no certification exam, in the order given."""
    slugs = list(slugs)
    if not slugs:
        return []
    known = {quiz.slug for quiz in exams_api.certification_exams()}
    return [slug for slug in slugs if slug not in known]


def unknown_case_slugs(slugs: Iterable[str]) -> list[str]:
    """The slugs that name no practice case, in the order given."""
    slugs = list(slugs)
    if not slugs:
        return []
    known = {case.slug for case in cases_api.practice_cases()}
    return [slug for slug in slugs if slug not in known]


def titles(*, scheme: scoring.Scheme) -> Titles:
    """The titles (both languages) of the scheme's exams and practice cases (one query each,
    none without)."""
    return Titles.from_pairs(
        exams=exams_api.quiz_title_pairs(slugs=scheme.exams) if scheme.exams else {},
        practice_cases=(
            cases_api.case_title_pairs(slugs=scheme.practice_cases) if scheme.practice_cases else {}
        ),
    )


def exam_inputs(
    *, user_ids: Iterable[int], slugs: Iterable[str]
) -> dict[int, dict[str, scoring.ExamInput]]:
    """Each engineer's certification-exam results as formula inputs, in one bulk call."""
    user_ids, slugs = list(user_ids), list(slugs)
    if not user_ids or not slugs:
        return {}

    found: dict[int, dict[str, scoring.ExamInput]] = {}
    for (user_id, slug), result in exams_api.exam_results(
        user_ids=user_ids, quiz_slugs=slugs
    ).items():
        percent = None if result.percent is None else Decimal(result.percent)
        found.setdefault(user_id, {})[slug] = scoring.ExamInput(
            percent=percent,
            pending_marking=bool(result.pending_marking),
            provisional=bool(result.provisional),
            awaiting_marking=tuple(result.awaiting_marking),
        )
    return found


def case_inputs(
    *, user_ids: Iterable[int], slugs: Iterable[str]
) -> dict[int, dict[str, scoring.CaseInput]]:
    """Each engineer's practice-case results as formula inputs, in one bulk call."""
    user_ids, slugs = list(user_ids), list(slugs)
    if not user_ids or not slugs:
        return {}

    found: dict[int, dict[str, scoring.CaseInput]] = {}
    for (user_id, slug), result in cases_api.case_results(
        user_ids=user_ids, case_slugs=slugs
    ).items():
        percent = None if result.percent is None else Decimal(result.percent)
        found.setdefault(user_id, {})[slug] = scoring.CaseInput(
            percent=percent, status=str(result.status or "")
        )
    return found


def course_learner_ids(*, course_id: int | None) -> set[int]:
    """Learners enrolled in a cohort of the course (none when the program has no course)."""
    if course_id is None:
        return set()

    return set(courses_api.learner_ids_for_course(course_id=course_id))


def cohorts(*, course_id: int | None) -> list:
    """The course's cohorts as ``CohortRef`` values (none when the program has no course)."""
    if course_id is None:
        return []

    return list(courses_api.cohorts(course_id=course_id))


def all_cohorts() -> list:
    """Every cohort of every course (``CohortRef`` values)."""

    return list(courses_api.cohorts())


def cohort_learner_ids(*, cohort_id: int | None) -> list[int]:
    if cohort_id is None:
        return []

    return list(courses_api.cohort_learner_ids(cohort_id=cohort_id))


def people_progress(*, user_ids: Iterable[int]) -> dict:
    """Each person's progress over every live course (``courses.api.CourseProgress``)."""
    user_ids = list(user_ids)
    return courses_api.people_progress(user_ids=user_ids) if user_ids else {}


def certification_exam_results(*, user_ids: Iterable[int]) -> tuple[list, dict]:
    """The published certification exams, and each (user id, slug)'s ``exams.api.ExamResult``."""
    user_ids = list(user_ids)
    exams = exams_api.certification_exams()
    if not user_ids or not exams:
        return exams, {}
    return exams, exams_api.exam_results(user_ids=user_ids, quiz_slugs=[q.slug for q in exams])


def practice_case_results(*, user_ids: Iterable[int]) -> tuple[list, dict]:
    """The open practice cases, and each (user id, slug)'s ``cases.api.CaseResult``."""
    user_ids = list(user_ids)
    cases = cases_api.practice_cases()
    if not user_ids or not cases:
        return cases, {}
    return cases, cases_api.case_results(user_ids=user_ids, case_slugs=[c.slug for c in cases])


def case_status_label(status: str) -> str:
    return cases_api.case_status_label(status)

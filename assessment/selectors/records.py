"""People's learning records for their managers (read only): course progress, certification
exams, practice cases and finalised scorecards, many people at once.

Query budget: about 14 for any number of people (course progress 7, exams 3, cases 2,
scorecards 1), never one per person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assessment import inputs
from lms.bilingual import Localized, localized


@dataclass(frozen=True)
class ExamLine:
    slug: str
    title: Localized
    percent: Decimal | None  # None: no result yet
    passed: bool | None
    pending_marking: bool


@dataclass(frozen=True)
class CaseLine:
    slug: str
    title: Localized
    status: str
    status_label: str
    percent: Decimal | None  # the final score, once graded
    passed: bool | None


@dataclass(frozen=True)
class LearningRecord:
    user_id: int
    course: Any  # courses.api.CourseProgress: percent, completed_lessons, total_lessons, …
    exams: tuple[ExamLine, ...]
    cases: tuple[CaseLine, ...]
    scorecards: tuple  # assessment.api.FinalisedScorecard, newest period first

    @property
    def cases_passed(self) -> int:
        return sum(1 for case in self.cases if case.passed)

    @property
    def latest_scorecard(self):
        return self.scorecards[0] if self.scorecards else None


def learning_records(*, user_ids: Iterable[int], scorecards: dict) -> dict[int, LearningRecord]:
    """Each person's record, with ``scorecards`` (user id → their finalised scorecards)."""
    user_ids = list(dict.fromkeys(user_ids))
    progress = inputs.people_progress(user_ids=user_ids)
    exams, exam_results = inputs.certification_exam_results(user_ids=user_ids)
    cases, case_results = inputs.practice_case_results(user_ids=user_ids)
    labels: dict[str, str] = {}
    records = {}
    for user_id in user_ids:
        exam_lines = []
        for exam in exams:
            result = exam_results[(user_id, exam.slug)]
            exam_lines.append(
                ExamLine(
                    exam.slug, exam.title, result.percent, result.passed, result.pending_marking
                )
            )
        case_lines = []
        for case in cases:
            result = case_results[(user_id, case.slug)]
            if result.status not in labels:
                labels[result.status] = inputs.case_status_label(result.status)
            case_lines.append(
                CaseLine(
                    slug=case.slug,
                    title=localized(case, "title"),
                    status=result.status,
                    status_label=labels[result.status],
                    percent=result.percent,
                    passed=result.passed,
                )
            )
        records[user_id] = LearningRecord(
            user_id=user_id,
            course=progress[user_id],
            exams=tuple(exam_lines),
            cases=tuple(case_lines),
            scorecards=tuple(scorecards.get(user_id, ())),
        )
    return records

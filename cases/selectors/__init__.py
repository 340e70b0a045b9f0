"""Reads of the practice cases, one module per subject: ``reports`` (what learners see),
``rubrics``, ``grading`` (permissions, queue, grading screen), ``marks`` (marks on a report and
side by side) and ``grader_agreement``.

Every function runs a fixed number of queries, whatever the number of reports. The names are
re-exported here, so callers may write ``from cases import selectors``.
"""

from cases.selectors.grader_agreement import (
    AGREEMENT_PERMISSION,
    GraderFigure,
    PairFigure,
    RubricAgreement,
    agreement_marks,
    agreement_report,
    can_see_agreement,
)
from cases.selectors.grading import (
    GRADE_PERMISSION,
    LISTED_MARK_FIELDS,
    MODERATE_PERMISSION,
    REPORT_FIELDS,
    GradingCounts,
    GradingQueue,
    can_grade,
    can_moderate,
    grading_counts,
    grading_queue,
    submission_for_grading,
)
from cases.selectors.marks import (
    MarkCell,
    MarkColumn,
    MarkRow,
    MarkTable,
    mark_table,
    marks_of,
    visible_marks,
)
from cases.selectors.reports import (
    CaseRow,
    attachment_for_user,
    case_for_learner,
    learner_case_rows,
    learner_submissions,
    listed_cases,
    live_cases,
    own_submission,
)
from cases.selectors.rubrics import criterion_specs, rubric_in_use, rubric_with_levels

__all__ = [
    "AGREEMENT_PERMISSION",
    "CaseRow",
    "GRADE_PERMISSION",
    "GraderFigure",
    "GradingCounts",
    "GradingQueue",
    "LISTED_MARK_FIELDS",
    "MODERATE_PERMISSION",
    "MarkCell",
    "MarkColumn",
    "MarkRow",
    "MarkTable",
    "PairFigure",
    "REPORT_FIELDS",
    "RubricAgreement",
    "agreement_marks",
    "agreement_report",
    "attachment_for_user",
    "can_grade",
    "can_moderate",
    "can_see_agreement",
    "case_for_learner",
    "criterion_specs",
    "grading_counts",
    "grading_queue",
    "learner_case_rows",
    "learner_submissions",
    "listed_cases",
    "live_cases",
    "mark_table",
    "marks_of",
    "own_submission",
    "rubric_in_use",
    "rubric_with_levels",
    "submission_for_grading",
    "visible_marks",
]

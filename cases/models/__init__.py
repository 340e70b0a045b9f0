"""Models of the practice cases: cases and their reports, rubrics, marks and moderation."""

from cases.models.cases import (
    OPEN_STATUSES,
    CaseAttachment,
    CaseFaultTypeTag,
    CaseMark,
    CaseMarkScore,
    CaseProductTag,
    CaseSubmission,
    FaultTypeTag,
    FinalMethod,
    MarkDecision,
    Marking,
    MarkKind,
    MarkStatus,
    PracticeCase,
    ProductTag,
    SubmissionStatus,
)
from cases.models.rubrics import Rubric, RubricCriterion, RubricLevel

__all__ = [
    "CaseAttachment",
    "CaseFaultTypeTag",
    "CaseMark",
    "CaseMarkScore",
    "CaseProductTag",
    "CaseSubmission",
    "FaultTypeTag",
    "FinalMethod",
    "MarkDecision",
    "MarkKind",
    "MarkStatus",
    "Marking",
    "OPEN_STATUSES",
    "PracticeCase",
    "ProductTag",
    "Rubric",
    "RubricCriterion",
    "RubricLevel",
    "SubmissionStatus",
]

"""Models of the exams app, one module per subject, re-exported here."""

from .cases import (
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
from .rubrics import Rubric, RubricCriterion, RubricLevel

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
    "PracticeCase",
    "ProductTag",
    "Rubric",
    "RubricCriterion",
    "RubricLevel",
    "SubmissionStatus",
]

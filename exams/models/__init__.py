"""Models of the exams app, one module per feature, re-exported here."""

from exams.models.quiz import (
    CATEGORY_SEPARATOR,
    DIMENSION_TAGS,
    Attempt,
    AttemptQuestion,
    Choice,
    Question,
    QuestionCategory,
    QuestionTag,
    Quiz,
    QuizDraw,
    QuizQuestion,
)

__all__ = [
    "CATEGORY_SEPARATOR",
    "DIMENSION_TAGS",
    "Attempt",
    "AttemptQuestion",
    "Choice",
    "Question",
    "QuestionCategory",
    "QuestionTag",
    "Quiz",
    "QuizDraw",
    "QuizQuestion",
]

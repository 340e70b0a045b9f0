"""Models of the quiz engine: the question bank, quizzes and attempts."""

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
    "Attempt",
    "AttemptQuestion",
    "CATEGORY_SEPARATOR",
    "Choice",
    "DIMENSION_TAGS",
    "Question",
    "QuestionCategory",
    "QuestionTag",
    "Quiz",
    "QuizDraw",
    "QuizQuestion",
]

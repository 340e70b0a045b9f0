"""Models of the quiz engine: the question bank, quizzes and attempts."""

from exams.models.accommodations import Accommodation
from exams.models.attempts import Attempt, AttemptQuestion
from exams.models.bank import (
    CATEGORY_SEPARATOR,
    DIMENSION_TAGS,
    Choice,
    Question,
    QuestionCategory,
    QuestionTag,
)
from exams.models.quizzes import Quiz, QuizDraw, QuizQuestion

__all__ = [
    "Accommodation",
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

"""The published quizzes are kept in the cache (exams.selectors.published): read once, and
again the moment a trainer saves or deletes a quiz; what each learner did is read every time."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exams.selectors.attempts import learner_quiz_rows, published_quiz_rows
from tests.exams.factories import QuizFactory, graded_attempt

pytestmark = pytest.mark.django_db


def titles() -> list[str]:
    return [quiz.title_en for quiz in published_quiz_rows()]


def quiz_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        published_quiz_rows()
    return len([q for q in queries.captured_queries if 'FROM "exams_quiz"' in q["sql"]])


def test_the_list_is_read_once_and_then_kept():
    QuizFactory(title_en="Safety exam")
    assert (quiz_queries(), quiz_queries()) == (1, 0)
    assert titles() == ["Safety exam"]


def test_a_quiz_published_renamed_withdrawn_or_deleted_shows_at_once():
    quiz = QuizFactory(title_en="Safety exam", draft=True)
    assert titles() == []
    quiz.draft = False
    quiz.save()
    assert titles() == ["Safety exam"]
    quiz.title_en = "Safety exam (2027)"
    quiz.save()
    assert titles() == ["Safety exam (2027)"]
    quiz.draft = True
    quiz.save()
    assert titles() == []
    quiz.draft = False
    quiz.save()
    assert titles() == ["Safety exam (2027)"]
    quiz.delete()
    assert titles() == []


def test_the_learners_attempts_are_read_on_every_look(learner):
    quiz = QuizFactory(title_en="Safety exam")
    (before,) = learner_quiz_rows(learner)
    graded_attempt(quiz, learner, percent=90)
    (after,) = learner_quiz_rows(learner)
    assert (before.grade.attempts_used, after.grade.attempts_used) == (0, 1)


def test_the_quiz_list_page_shows_a_quiz_the_moment_it_is_published(learner_client):
    quiz = QuizFactory(title="故障诊断考试", draft=True)
    assert "故障诊断考试" not in learner_client.get(reverse("exams:quiz_list")).content.decode()
    quiz.draft = False
    quiz.save()
    assert "故障诊断考试" in learner_client.get(reverse("exams:quiz_list")).content.decode()

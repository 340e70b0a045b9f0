"""Answering attempts through the services (``services.answers``)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exams.models import Question
from exams.services.answers import AnswerInput, InvalidAnswer, answers_save
from exams.services.attempts import (
    attempt_start,
    attempt_submit,
)
from tests.exams.factories import (
    answer,
    aq_at,
    by_kind,
    quiz_with,
)

pytestmark = pytest.mark.django_db


# --- Answering --------------------------------------------------------------------------------


def test_saving_and_changing_an_answer(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    keys = [c["key"] for c in single.choices]
    result = answer(attempt, single, keys=(keys[1],))
    assert result.saved == [single.position]
    assert result.versions == {single.position: 1}
    single.refresh_from_db()
    assert single.response == [keys[1]] and single.answered_at is not None
    answer(attempt, single, keys=(keys[0],))
    single.refresh_from_db()
    assert single.response == [keys[0]] and single.version == 2


def test_a_choice_of_another_question_is_refused(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    multiple = by_kind(attempt, Question.Kind.MULTIPLE)
    foreign = multiple.choices[0]["key"]
    for bad in [(foreign,), ("999999",), ("true",)]:
        with pytest.raises(InvalidAnswer):
            answer(attempt, single, keys=bad)
    with pytest.raises(InvalidAnswer):
        answer(attempt, single, keys=(single.choices[0]["key"], single.choices[1]["key"]))
    with pytest.raises(InvalidAnswer):
        answer(attempt, single, essay="text for a choice question")
    single.refresh_from_db()
    assert single.response == [] and single.version == 0


def test_a_position_outside_the_attempt_is_refused(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    with pytest.raises(InvalidAnswer):
        answers_save(attempt=attempt, answers=[AnswerInput(position=99, version=0, keys=())])


def test_a_stale_post_never_overwrites_a_newer_answer(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    a, b = single.choices[0]["key"], single.choices[1]["key"]
    answer(attempt, single, keys=(a,), version=0)  # tab 1 saves: version 1
    stale = answer(attempt, single, keys=(b,), version=0)  # tab 2 still shows version 0
    assert stale.conflicts == [single.position] and stale.saved == []
    single.refresh_from_db()
    assert single.response == [a] and single.version == 1


def test_a_duplicate_post_is_acknowledged_without_a_change(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    a = single.choices[0]["key"]
    answer(attempt, single, keys=(a,), version=0)
    again = answer(attempt, single, keys=(a,), version=0)  # double click
    assert again.conflicts == [] and again.saved == []
    single.refresh_from_db()
    assert single.version == 1


def test_two_tabs_answering_different_questions_lose_nothing(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    tf = by_kind(attempt, Question.Kind.TRUE_FALSE)
    # Both tabs show the whole attempt at version 0 and post every question.
    tab1 = [
        AnswerInput(single.position, 0, keys=(single.choices[0]["key"],)),
        AnswerInput(tf.position, 0, keys=()),
    ]
    tab2 = [
        AnswerInput(single.position, 0, keys=(single.choices[0]["key"],)),
        AnswerInput(tf.position, 0, keys=("true",)),
    ]
    answers_save(attempt=attempt, answers=tab1)
    answers_save(attempt=attempt, answers=tab2)
    tab1_again = [
        AnswerInput(single.position, 1, keys=(single.choices[1]["key"],)),
        AnswerInput(tf.position, 0, keys=()),  # stale and different: refused
    ]
    result = answers_save(attempt=attempt, answers=tab1_again)
    assert result.conflicts == [tf.position]
    single.refresh_from_db()
    tf.refresh_from_db()
    assert single.response == [single.choices[1]["key"]]
    assert tf.response == ["true"]


def test_flag_and_essay(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    answer(attempt, essay, essay="我的回答", flagged=True)
    essay.refresh_from_db()
    assert essay.essay == "我的回答" and essay.flagged and essay.is_answered
    answer(attempt, essay, flagged=False)
    essay.refresh_from_db()
    assert essay.essay == "我的回答" and not essay.flagged


def test_no_answer_after_submit(objective_exam, learner):
    attempt = attempt_start(quiz=objective_exam, user=learner)
    attempt_submit(attempt=attempt)
    single = by_kind(attempt, Question.Kind.SINGLE)
    result = answer(attempt, single, keys=(single.choices[0]["key"],))
    assert not result.accepted
    single.refresh_from_db()
    assert single.response == []


def test_answers_accepted_in_the_grace_period_and_refused_after(questions, learner):
    start = timezone.now() - timedelta(minutes=50)
    quiz = quiz_with(questions[:1], time_limit_minutes=45, grace_seconds=60)
    attempt = attempt_start(quiz=quiz, user=learner, now=start)
    single = aq_at(attempt, 1)
    key = single.choices[0]["key"]
    in_grace = attempt.deadline + timedelta(seconds=59)
    assert answer(attempt, single, keys=(key,), now=in_grace).accepted
    late = attempt.deadline + timedelta(seconds=61)
    single.refresh_from_db()
    assert not answer(attempt, single, keys=(), now=late).accepted
    single.refresh_from_db()
    assert single.response == [key]

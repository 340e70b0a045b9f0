"""The exam's reads whose SQL is compiled once (``lms.db.prepared``, decision 0905): the same
objects as the queryset they are made from, for every id they are given, on SQLite and on
PostgreSQL (with its server-side binding)."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from exams.models import Accommodation, Attempt, AttemptQuestion, Quiz
from exams.selectors.accommodations import _GRANTS
from exams.selectors.attempts import (
    PAGE_QUESTION_COLUMNS,
    PageQuestion,
    learner_attempts,
    own_attempt,
)
from exams.services.answers import _OWN_QUESTION_LOCKED, _SAVE_FIELDS
from exams.services.attempts import attempt_start
from lms.db.prepared import PreparedRead, PreparedUpdate
from tests.people.factories import unit

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {k: v for k, v in vars(instance).items() if k != "_state"}


@pytest.fixture
def attempts(exam, learner, other_learner):
    return attempt_start(quiz=exam, user=learner), attempt_start(quiz=exam, user=other_learner)


def test_an_attempt_with_its_quiz_is_the_querysets_in_one_query(
    attempts, django_assert_num_queries
):
    mine, theirs = attempts
    expected = Attempt.objects.select_related("quiz").get(pk=mine.pk)
    with django_assert_num_queries(1):
        found = own_attempt(pk=mine.pk, user_id=mine.user_id)
        quiz = found.quiz  # loaded with it
    assert _fields(found) == _fields(expected)
    assert _fields(quiz) == _fields(expected.quiz)
    assert found._state.adding is False and found._state.db == "default"
    # The same read, other ids: the other learner's attempt, and nobody else's.
    assert own_attempt(pk=theirs.pk, user_id=theirs.user_id).pk == theirs.pk
    assert own_attempt(pk=theirs.pk, user_id=mine.user_id) is None
    assert own_attempt(pk=mine.pk, user_id=theirs.user_id) is None


def test_values_are_converted_as_the_queryset_converts_them(attempts):
    mine, _ = attempts
    AttemptQuestion.objects.filter(attempt=mine, position=1).update(
        response=["a"], points=Decimal("2.50")
    )
    read = PreparedRead(
        lambda attempt_id: (
            AttemptQuestion.objects.filter(attempt_id=attempt_id)
            .order_by("position")
            .values_list(*PAGE_QUESTION_COLUMNS)
        )
    )
    expected = list(
        AttemptQuestion.objects.filter(attempt=mine)
        .order_by("position")
        .values_list(*PAGE_QUESTION_COLUMNS)
    )
    found = read.all(mine.pk)
    assert found == expected
    first = PageQuestion(*found[0])
    assert first.points == Decimal("2.50") and isinstance(first.points, Decimal)
    assert first.response == ["a"]
    assert first.choices == AttemptQuestion.objects.get(attempt=mine, position=1).choices


def test_deferred_fields_are_deferred_as_with_only(attempts, django_assert_num_queries):
    mine, _ = attempts
    read = PreparedRead(
        lambda attempt_id, position: (
            AttemptQuestion.objects.filter(attempt_id=attempt_id, position=position)
            .order_by()
            .only("pk", "position", "response")
        )
    )
    with django_assert_num_queries(1):
        (question,) = read.all(mine.pk, 2)
        assert (question.position, question.response) == (2, [])
    assert question.get_deferred_fields() >= {"text", "choices"}
    assert question.text == AttemptQuestion.objects.get(pk=question.pk).text  # read when asked


@pytest.mark.parametrize("pk", [0, -1, 2**63, 10**30])
def test_an_id_no_column_can_hold_finds_nothing_without_an_error(attempts, pk):
    mine, _ = attempts
    assert own_attempt(pk=pk, user_id=mine.user_id) is None
    assert own_attempt(pk=mine.pk, user_id=pk) is None


def test_a_locking_read_needs_a_transaction_as_the_querysets_does(attempts, monkeypatch):
    mine, _ = attempts
    read = PreparedRead(lambda pk: Attempt.objects.select_for_update().filter(pk=pk).order_by())
    assert read.first(mine.pk).pk == mine.pk  # in the test's transaction
    if not connection.features.has_select_for_update:
        return  # SQLite: no FOR UPDATE, its writers lock the whole file
    # Outside a transaction (what a test's own transaction hides): both refuse.
    monkeypatch.setattr(connection, "get_autocommit", lambda: True)
    with pytest.raises(TransactionManagementError):
        list(Attempt.objects.select_for_update().filter(pk=mine.pk).order_by())
    with pytest.raises(TransactionManagementError):
        read.first(mine.pk)


@pytest.mark.parametrize(
    "build",
    [
        lambda pk: Quiz.objects.filter(title__contains=str(pk)),  # not the id as given
        lambda pk: Quiz.objects.filter(pk__in=[pk, 3]),  # not compared as one column
        lambda pk: Quiz.objects.filter(pk=pk).annotate(one=Value(1)),  # annotation
        lambda pk: Quiz.objects.filter(pk=pk).values("pk"),  # dictionaries
    ],
)
def test_a_read_whose_sql_depends_on_the_ids_is_refused_at_once(db, build):
    with pytest.raises((ValueError, TypeError)):
        PreparedRead(build).all(1)


def test_an_update_writes_what_the_querysets_update_writes(attempts):
    mine, theirs = attempts
    update = PreparedUpdate(AttemptQuestion, ["response", "essay", "flagged", "answered_at"])
    first = AttemptQuestion.objects.get(attempt=mine, position=1)
    now = timezone.now()
    assert update.run(first.pk, response=["b", "a"], essay="", flagged=True, answered_at=now) == 1
    first.refresh_from_db()
    assert (first.response, first.flagged, first.answered_at) == (["b", "a"], True, now)
    # None is NULL, as with update(); the other learner's questions are untouched.
    assert update.run(first.pk, response=[], essay="", flagged=False, answered_at=None) == 1
    first.refresh_from_db()
    assert first.answered_at is None and first.response == []
    assert not AttemptQuestion.objects.filter(attempt=theirs, flagged=True).exists()
    assert update.run(2**70, response=[], essay="", flagged=False, answered_at=None) == 0


def test_an_update_takes_plain_values_of_plain_columns(attempts):
    with pytest.raises(TypeError):
        PreparedUpdate(AttemptQuestion, ["id"])
    update = PreparedUpdate(Attempt, ["current_position"])
    with pytest.raises(TypeError):
        update.run(attempts[0].pk, current_position=F("current_position") + 1)
    with pytest.raises(TypeError):
        update.run(attempts[0].pk, current_position=2, state="submitted")


def test_the_quiz_pages_the_starts_and_the_autosaves_reads_are_their_querysets(
    attempts, exam, learner, other_learner, trainer, django_assert_num_queries
):
    mine, theirs = attempts
    # The learner's attempts of the exam, by number.
    expected = Attempt.objects.filter(quiz=exam, user=learner).order_by("number")
    assert [_fields(a) for a in learner_attempts(exam, learner)] == [_fields(a) for a in expected]
    assert [a.pk for a in learner_attempts(exam, other_learner)] == [theirs.pk]
    # Their accommodations with who granted them and the unit: theirs and every unit's.
    for fields in ({"user": learner}, {"user": other_learner}, {"unit": unit("售后服务部")}):
        Accommodation.objects.create(
            quiz=exam, granted_by=trainer, reason="经人事部门确认。", extra_minutes=5, **fields
        )
    for person in (learner, other_learner):
        expected = list(
            Accommodation.objects.filter(Q(user=person) | Q(unit__isnull=False), quiz=exam)
            .select_related("granted_by", "unit")
            .order_by("-granted_at", "-pk")
        )
        with django_assert_num_queries(1):
            found = _GRANTS.all(exam.pk, person.pk)
            related = [(row.granted_by, row.unit) for row in found]
        assert [_fields(row) for row in found] == [_fields(row) for row in expected]
        assert related == [(row.granted_by, row.unit) for row in expected]
    # The autosave's question with its attempt (locked): only the learner's own.
    with transaction.atomic():
        question = _OWN_QUESTION_LOCKED.first(mine.pk, learner.pk, 3)
        expected = AttemptQuestion.objects.only(*_SAVE_FIELDS).get(attempt=mine, position=3)
        assert _fields(question) == _fields(expected)
        assert _fields(question.attempt) == _fields(Attempt.objects.get(pk=mine.pk))
        assert _OWN_QUESTION_LOCKED.first(mine.pk, other_learner.pk, 3) is None
        assert _OWN_QUESTION_LOCKED.first(mine.pk, learner.pk, 999) is None

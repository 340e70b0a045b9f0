"""Writes of the quiz engine: saving a learner's answers under the attempt's lock.

A page posts, per question, the version of the answer it showed; a post carrying an older
version never overwrites a newer answer (docs/decisions/0200).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from exams import rules
from exams.models import Attempt, AttemptQuestion, Question
from lms.db.prepared import PreparedRead, PreparedUpdate

ESSAY = Question.Kind.ESSAY


class InvalidAnswer(Exception):
    """A posted answer names a choice the question does not have (or is otherwise malformed)."""


@dataclass(frozen=True)
class AnswerInput:
    """One question's answer as posted: the version the page showed and what it holds now.

    ``keys`` None means "not posted" (leave the choice answer alone); ``essay`` likewise;
    ``flagged`` None leaves the flag alone.
    """

    position: int
    version: int
    keys: tuple[str, ...] | None = None
    essay: str | None = None
    flagged: bool | None = None


@dataclass
class SaveResult:
    accepted: bool = True  # False when the attempt no longer takes answers
    saved: list[int] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)
    versions: dict[int, int] = field(default_factory=dict)


def _validated_keys(aq: AttemptQuestion, keys: tuple[str, ...]) -> list[str]:
    allowed = [choice["key"] for choice in aq.choices]
    if aq.kind == ESSAY:
        raise InvalidAnswer("an essay question has no choices")
    unique = list(dict.fromkeys(keys))
    if any(key not in allowed for key in unique):
        raise InvalidAnswer("a choice does not belong to this question")
    if aq.kind != Question.Kind.MULTIPLE and len(unique) > 1:
        raise InvalidAnswer("only one choice may be picked")
    return [key for key in allowed if key in unique]  # stored in display order


def answers_save(*, attempt: Attempt, answers: list[AnswerInput], now=None) -> SaveResult:
    """Save posted answers under the attempt's lock.

    An answer whose posted version is older than the stored one is a stale post (Back button,
    second tab, double click): when it differs from what is stored it is refused and the
    stored, newer answer stays; when it is the same, it is simply acknowledged. Raises
    ``InvalidAnswer`` for a choice that does not belong to the question, before writing anything.
    Queries: a constant handful whatever the number of answers (one bulk update).
    """
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        return _save_locked(locked, answers, now or timezone.now())


def answers_save_for(
    *, attempt_id: int, user, answers: list[AnswerInput], now=None
) -> tuple[Attempt, SaveResult]:
    """Like ``answers_save`` for the user's own attempt ``attempt_id``, locked and read in one
    query (the autosave path); the autosave of one answer reads its question in the same query
    (0905). Raises ``Attempt.DoesNotExist`` for anyone else's attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        if len(answers) == 1:
            question = _OWN_QUESTION_LOCKED.first(attempt_id, user.pk, answers[0].position)
            if question is not None:
                stored = {question.position: question}
                return question.attempt, _save_locked(question.attempt, answers, now, stored)
        # Several answers, or no such question (the attempt's read tells which error it is).
        locked = _OWN_ATTEMPT_LOCKED.first(attempt_id, user.pk)
        if locked is None:
            raise Attempt.DoesNotExist(f"no attempt {attempt_id} of this user")
        return locked, _save_locked(locked, answers, now)


# The autosave's reads, on every answer a learner gives: their SQL is compiled once (0905).
_OWN_ATTEMPT_LOCKED = PreparedRead(
    # No ordering: the model's joins the quiz and the user to sort.
    lambda pk, user_id: (
        Attempt.objects.select_for_update().filter(pk=pk, user_id=user_id).order_by()
    )
)
# What saving an answer reads of its question (never its explanation or the bank's ids).
_SAVE_FIELDS = (
    "pk",
    "attempt_id",
    "position",
    "kind",
    "choices",
    "response",
    "essay",
    "flagged",
    "version",
    "answered_at",
)
_ONE_QUESTION = PreparedRead(
    lambda attempt_id, position: (
        AttemptQuestion.objects.filter(attempt_id=attempt_id, position=position)
        .order_by()
        .only(*_SAVE_FIELDS)
    )
)


# The autosave's one question with its attempt, the attempt locked as above.
_OWN_QUESTION_LOCKED = PreparedRead(
    lambda attempt_id, user_id, position: (
        AttemptQuestion.objects.select_related("attempt")
        .select_for_update(of=("attempt",))
        .filter(attempt_id=attempt_id, attempt__user_id=user_id, position=position)
        .order_by()
        .only(*_SAVE_FIELDS)
    )
)


def _stored_questions(locked: Attempt, positions: list[int]) -> dict[int, AttemptQuestion]:
    """The attempt's questions at ``positions`` by position; one query."""
    if len(positions) == 1:  # the autosave of one question
        found = _ONE_QUESTION.all(locked.pk, positions[0])
    else:
        found = AttemptQuestion.objects.filter(attempt=locked, position__in=positions)
        # The model's ordering would join the quiz and the user to sort.
        found = found.order_by().only(*_SAVE_FIELDS)
    return {aq.position: aq for aq in found}


def _save_locked(
    locked: Attempt,
    answers: list[AnswerInput],
    now,
    stored: dict[int, AttemptQuestion] | None = None,
) -> SaveResult:
    """``stored``: the questions at the answers' positions, when the caller read them."""
    result = SaveResult()
    if not rules.accepts_answers(state=locked.state, cutoff_at=locked.cutoff_at, now=now):
        result.accepted = False
        return result
    positions = [answer.position for answer in answers]
    if stored is None:
        stored = _stored_questions(locked, positions)
    if len(stored) != len(set(positions)):
        raise InvalidAnswer("a question does not belong to this attempt")
    changed = []
    for answer in answers:
        aq = stored[answer.position]
        if answer.keys is None or (aq.kind == ESSAY and not answer.keys):
            new_response = aq.response
        else:
            new_response = _validated_keys(aq, answer.keys)
        if answer.essay is not None and aq.kind != ESSAY:
            raise InvalidAnswer("only an essay question takes text")
        new_essay = aq.essay if answer.essay is None else answer.essay
        new_flag = aq.flagged if answer.flagged is None else answer.flagged
        same = (new_response, new_essay, new_flag) == (aq.response, aq.essay, aq.flagged)
        if same:
            pass
        elif answer.version != aq.version:
            result.conflicts.append(aq.position)
        else:
            if (new_response, new_essay) != (aq.response, aq.essay):
                aq.answered_at = now
            aq.response, aq.essay, aq.flagged = new_response, new_essay, new_flag
            aq.version += 1
            changed.append(aq)
            result.saved.append(aq.position)
        result.versions[aq.position] = aq.version
    if changed:
        _write(locked, changed, first_position=answers[0].position)
    return result


_ANSWER_COLUMNS = ("response", "essay", "flagged", "version", "answered_at")
# The autosave's writes, written once (decision 0905).
_WRITE_ANSWER = PreparedUpdate(AttemptQuestion, _ANSWER_COLUMNS)
_WRITE_POSITION = PreparedUpdate(Attempt, ["current_position"])


def _write(locked: Attempt, changed: list[AttemptQuestion], *, first_position: int) -> None:
    """Store the changed answers and where the learner is (still under the attempt's lock)."""
    if len(changed) == 1:  # the autosave of one question: a plain UPDATE (decision 0903)
        aq = changed[0]
        _WRITE_ANSWER.run(aq.pk, **{name: getattr(aq, name) for name in _ANSWER_COLUMNS})
    else:
        AttemptQuestion.objects.bulk_update(changed, _ANSWER_COLUMNS)
    if first_position != locked.current_position:
        # Reopening the attempt resumes where the learner last answered.
        _WRITE_POSITION.run(locked.pk, current_position=first_position)


def attempt_move(*, attempt: Attempt, position: int) -> None:
    """Remember the page the learner is on, so that reopening the attempt resumes there."""
    Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
        current_position=position
    )

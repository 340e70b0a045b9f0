"""A learner's grade on a quiz, derived from their attempts by ``exams.scoring``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from exams import scoring
from exams.models import Attempt, Quiz


@dataclass(frozen=True)
class Grade:
    """A learner's result on a quiz under its grading method (``scoring.quiz_result``).

    ``pending_marking``: an attempt awaiting marking decides the result, so ``percent`` is None
    until it is marked. ``provisional``: ``percent`` is the best graded attempt so far and an
    attempt awaiting marking may raise it ("highest"). ``awaiting_marking``: the numbers of all
    submitted attempts awaiting marking, whether or not they can change the result.
    """

    percent: Decimal | None
    passed: bool | None
    graded_attempts: int
    pending_marking: bool
    attempts_used: int
    provisional: bool = False
    awaiting_marking: tuple[int, ...] = ()


FINISHED = (Attempt.State.SUBMITTED, Attempt.State.GRADED)


def grade_from_attempts(quiz: Quiz, attempts: list[Attempt]) -> Grade:
    finished = [
        (a.number, a.percent if a.state == Attempt.State.GRADED else None)
        for a in attempts
        if a.state in FINISHED
    ]
    result = scoring.quiz_result(method=quiz.grading_method, attempts=finished)
    return Grade(
        percent=result.percent,
        passed=scoring.has_passed(percent=result.percent, pass_mark=quiz.pass_mark),
        graded_attempts=sum(1 for a in attempts if a.state == Attempt.State.GRADED),
        pending_marking=result.pending,
        attempts_used=len(attempts),
        provisional=result.provisional,
        awaiting_marking=result.awaiting_marking,
    )


def learner_grade(quiz: Quiz, user) -> Grade:
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).only("number", "state", "percent"))
    return grade_from_attempts(quiz, attempts)

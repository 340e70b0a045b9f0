"""Writes of the quiz engine: grading an attempt. Choice answers are graded when the attempt
is submitted, essays by a trainer; the attempt is graded once every question has its points,
and the learner is told by email when a trainer's marking completed it.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit import api as audit
from exams import rules, scoring
from exams.models import Attempt, AttemptQuestion, Question
from exams.notices import notify_attempt_graded

ESSAY = Question.Kind.ESSAY


def grade_choice_questions(attempt: Attempt, now) -> list[AttemptQuestion]:
    """Score every choice answer of a submitted attempt, and an empty essay as 0 (marked)."""
    questions = list(attempt.questions.all())
    for aq in questions:
        if aq.kind == ESSAY:
            if not aq.essay.strip():
                aq.score = Decimal("0")
                aq.marked_at = now
        else:
            aq.score = scoring.score_choice_answer(
                kind=aq.kind,
                scoring=aq.scoring,
                points=aq.points,
                correct=aq.correct,
                chosen=aq.response,
            )
    AttemptQuestion.objects.bulk_update(questions, ["score", "marked_at"])
    return questions


def finish_if_marked(attempt: Attempt, questions: list[AttemptQuestion], now) -> bool:
    """Move a submitted attempt to graded when every question has its points."""
    total = scoring.attempt_total([aq.score for aq in questions])
    if total is None:
        return False
    rules.check_transition(attempt.state, rules.GRADED)
    attempt.score = total
    attempt.percent = scoring.percent(total, attempt.max_score)
    attempt.passed = scoring.has_passed(percent=attempt.percent, pass_mark=attempt.quiz.pass_mark)
    attempt.state = Attempt.State.GRADED
    attempt.graded_at = now
    return True


def essay_mark(
    *,
    answer: AttemptQuestion,
    marker,
    points: Decimal,
    feedback: str,
    now=None,
    request=None,
) -> Attempt:
    """Award points to an essay answer; grade the attempt when it was the last one to mark.

    Raises ValueError when the points are outside 0…the question's points, or when the attempt
    is still in progress. Marking again changes the mark (and regrades a graded attempt).
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz")
            .get(pk=answer.attempt_id)
        )
        if attempt.state == Attempt.State.IN_PROGRESS:
            raise ValueError("the attempt has not been submitted yet")
        aq = AttemptQuestion.objects.get(pk=answer.pk, attempt=attempt, kind=ESSAY)
        before = {"score": aq.score} if aq.marked_at else None
        aq.score = scoring.check_essay_points(awarded=points, points=aq.points)
        aq.feedback = feedback
        aq.marked_by = marker
        aq.marked_at = now
        aq.save(update_fields=["score", "feedback", "marked_by", "marked_at"])
        audit.record(
            "exams.mark_finalised",
            actor=marker,
            obj=attempt,
            subject=attempt.user,
            before=before,
            after={"question": aq.pk, "score": aq.score, "points": aq.points},
            request=request,
        )
        questions = list(attempt.questions.only("pk", "score"))
        was_graded = attempt.state == Attempt.State.GRADED
        if was_graded:
            total = scoring.attempt_total([q.score for q in questions])
            attempt.score = total
            attempt.percent = scoring.percent(total, attempt.max_score)
            attempt.passed = scoring.has_passed(
                percent=attempt.percent, pass_mark=attempt.quiz.pass_mark
            )
            attempt.save(update_fields=["score", "percent", "passed"])
            return attempt
        finished = finish_if_marked(attempt, questions, now)
        if finished:
            attempt.save(update_fields=["score", "percent", "passed", "state", "graded_at"])
    if finished:
        notify_on_commit(attempt, auto_graded=False)
    answer.refresh_from_db()
    return attempt


def notify_on_commit(attempt: Attempt, *, auto_graded: bool) -> None:
    """Tell the learner (inbox, email, robot) once their attempt's marking is complete."""
    if auto_graded:
        return  # the learner saw the result page when they submitted
    attempt_id = attempt.pk
    transaction.on_commit(lambda: notify_attempt_graded(attempt_id=attempt_id))

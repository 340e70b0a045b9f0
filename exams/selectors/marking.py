"""Essay answers waiting for a trainer, on the quizzes they may see."""

from __future__ import annotations

from django.db.models import F, QuerySet

from exams.models import Attempt, AttemptQuestion, Question
from exams.selectors.visibility import visible_quizzes


def marking_queue(viewer, *, show_marked: bool = False) -> QuerySet[AttemptQuestion]:
    """Essay answers of submitted attempts on quizzes the viewer may see; unmarked first."""
    answers = AttemptQuestion.objects.filter(
        kind=Question.Kind.ESSAY,
        attempt__quiz__in=visible_quizzes(viewer),
        attempt__state__in=[Attempt.State.SUBMITTED, Attempt.State.GRADED],
    ).select_related("attempt__quiz", "attempt__user", "marked_by")
    if not show_marked:
        answers = answers.filter(marked_at__isnull=True)
    return answers.order_by(
        F("marked_at").asc(nulls_first=True), "attempt__submitted_at", "attempt_id", "position"
    ).defer("choices", "correct")


def essay_for_marker(viewer, pk: int) -> AttemptQuestion | None:
    return (
        AttemptQuestion.objects.filter(
            pk=pk,
            kind=Question.Kind.ESSAY,
            attempt__quiz__in=visible_quizzes(viewer),
            attempt__state__in=[Attempt.State.SUBMITTED, Attempt.State.GRADED],
        )
        .select_related("attempt__quiz", "attempt__user", "marked_by")
        .first()
    )


def pending_marking_count(viewer) -> int:
    return marking_queue(viewer).count()

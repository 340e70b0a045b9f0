"""What a trainer sees of the quizzes they may see (``visibility.visible_quizzes``): every
attempt, a learner's attempts, and each quiz's counts."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from exams.models import Attempt, Question, Quiz
from exams.selectors.visibility import visible_quizzes


def quiz_attempts(quiz: Quiz) -> QuerySet[Attempt]:
    return (
        Attempt.objects.filter(quiz=quiz)
        .select_related("user")
        .order_by("user__employee_id", "user__username", "number")
    )


def learner_attempts_for_staff(viewer, learner) -> QuerySet[Attempt]:
    return (
        Attempt.objects.filter(user=learner, quiz__in=visible_quizzes(viewer))
        .select_related("quiz")
        .order_by("quiz__title", "number")
    )


def quiz_overview(viewer) -> QuerySet[Quiz]:
    """Visible quizzes with their attempt counts and essays waiting for marking."""
    return visible_quizzes(viewer).annotate(
        attempt_count=Count("attempts", distinct=True),
        learner_count=Count("attempts__user", distinct=True),
        to_mark=Count(
            "attempts__questions",
            filter=Q(
                attempts__state=Attempt.State.SUBMITTED,
                attempts__questions__kind=Question.Kind.ESSAY,
                attempts__questions__marked_at__isnull=True,
            ),
            distinct=True,
        ),
    )

"""Who sees which quizzes, and what a learner may review of their attempts.

- learners see published (non-draft) quizzes and only their own attempts;
- a trainer sees the quizzes they own or are listed on (``Quiz.trainers``): their results,
  item analysis and essays to mark; Administrators (and superusers) see every quiz
  (docs/decisions/0201-quiz-visibility.md).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from exams import rules
from exams.models import Quiz
from lms import roles


def is_quiz_staff(user) -> bool:
    """Trainers and Administrators (who hold every role) work with quizzes' results."""
    return roles.has_role(user, roles.TRAINER)


def sees_every_quiz(user) -> bool:
    return user.is_superuser or roles.ADMINISTRATOR in _groups(user)


def _groups(user) -> set[str]:
    cached = getattr(user, "_exam_group_cache", None)
    if cached is None:
        cached = user._exam_group_cache = set(user.groups.values_list("name", flat=True))
    return cached


def visible_quizzes(user) -> QuerySet[Quiz]:
    """Quizzes whose results and essays the user may see (see the module docstring)."""
    if not user.is_authenticated or not is_quiz_staff(user):
        return Quiz.objects.none()
    if sees_every_quiz(user):
        return Quiz.objects.all()
    return Quiz.objects.filter(
        Q(owner=user) | Q(pk__in=Quiz.trainers.through.objects.filter(user=user).values("quiz"))
    )


def grantable_quizzes(user) -> QuerySet[Quiz]:
    """Quizzes on which the user may grant accommodations: those they see as a trainer, and
    every certification exam for an assessor (decision 0802)."""
    if not user.is_authenticated:
        return Quiz.objects.none()
    if roles.has_role(user, roles.ASSESSOR):
        return Quiz.objects.filter(
            Q(kind=Quiz.Kind.CERTIFICATION) | Q(pk__in=visible_quizzes(user).values("pk"))
        )
    return visible_quizzes(user)


def can_see_quiz(user, quiz: Quiz) -> bool:
    return visible_quizzes(user).filter(pk=quiz.pk).exists()


def published_quizzes() -> QuerySet[Quiz]:
    return Quiz.objects.filter(draft=False)


def quiz_is_closed(quiz: Quiz, now=None) -> bool:
    now = now or timezone.now()
    return quiz.close_at is not None and now >= quiz.close_at


def review_rights_for(quiz: Quiz, now=None) -> rules.ReviewRights:
    return rules.review_rights(
        quiz_closed=quiz_is_closed(quiz, now),
        score_immediately=quiz.review_score_immediately,
        answers_immediately=quiz.review_answers_immediately,
        explanations_immediately=quiz.review_explanations_immediately,
        score_after_close=quiz.review_score_after_close,
        answers_after_close=quiz.review_answers_after_close,
        explanations_after_close=quiz.review_explanations_after_close,
    )

"""The published quizzes, kept in the cache (decision 0904, fifth round).

Every learner's dashboard, the quiz list and the to-do list start from the same list of
published quizzes: one query of the widest row of the exam engine, about 1 ms of CPU on each
of those pages. The list is the same for everyone and changes only when a trainer saves or
deletes a quiz, so it is kept in the cache as the quizzes themselves, under a **quizzes
version** (``lms.versioned_cache``) that any save or deletion of a quiz replaces. The entry
expires after an hour in any case.

What each learner did (attempts, grades) is read live: only the quizzes are kept.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from exams.models import Quiz
from exams.selectors.visibility import published_quizzes
from lms.versioned_cache import Versioned

QUIZZES = Versioned("exams:quizzes", timeout=60 * 60)


def published_quiz_list() -> list[Quiz]:
    """Every published quiz, by kind and then in the order the trainers wrote them: from the
    cache while no quiz has changed since it was read, else 1 query."""
    return QUIZZES.get(
        QUIZZES.key("published"), lambda: list(published_quizzes().order_by("kind", "pk"))
    )


def connect() -> None:
    """Connect the receivers (``ExamsConfig.ready``)."""
    post_save.connect(QUIZZES.changed, sender=Quiz, dispatch_uid="exams.published.saved")
    post_delete.connect(QUIZZES.changed, sender=Quiz, dispatch_uid="exams.published.deleted")

"""The published quizzes, kept in the cache (decision 0904, fifth round).

Every learner's dashboard, the quiz list and the to-do list start from the same list of
published quizzes: one query of the widest row of the exam engine, about 1 ms of CPU on each
of those pages. The list is the same for everyone and changes only when a trainer saves or
deletes a quiz, so it is kept in the cache as the quizzes themselves, under a **quizzes
version** that any save or deletion of a quiz replaces (at once and again once committed,
``lms.invalidation``). Entries expire after ``TIMEOUT`` seconds in any case.

What each learner did (attempts, grades) is read live: only the quizzes are kept.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from exams.models import Quiz
from exams.selectors.visibility import published_quizzes
from lms.invalidation import now_and_once_committed

VERSION_KEY = "exams:quizzes-version"
LIST_KEY = "exams:published-quizzes"
TIMEOUT = 60 * 60  # seconds


def published_quiz_list() -> list[Quiz]:
    """Every published quiz, by kind and then in the order the trainers wrote them: from the
    cache while no quiz has changed since it was read, else 1 query."""
    found = cache.get_many([VERSION_KEY, LIST_KEY])
    version, entry = found.get(VERSION_KEY), found.get(LIST_KEY)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    if version is None:
        version = _new_version()
    quizzes = list(published_quizzes().order_by("kind", "pk"))
    cache.set(LIST_KEY, (version, quizzes), TIMEOUT)
    return quizzes


def _new_version() -> str:
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    return version


def quiz_changed(**kwargs) -> None:
    now_and_once_committed(_new_version)


def connect() -> None:
    """Connect the receivers (``ExamsConfig.ready``)."""
    post_save.connect(quiz_changed, sender=Quiz, dispatch_uid="exams.published.saved")
    post_delete.connect(quiz_changed, sender=Quiz, dispatch_uid="exams.published.deleted")

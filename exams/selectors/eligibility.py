"""Whether a learner may sit an exam: the requirements other apps set (``exam_requirements``).

The quiz engine knows nothing of courses or cases: ``assessment`` (which may read them) answers
through the ``exam_requirements`` Wagtail hook, each function ``(*, user, quiz) ->
list[exams.api.Requirement]`` (decision 0802). Every such function keeps a constant number of
queries whatever the number of requirements.
"""

from __future__ import annotations

from wagtail import hooks

from exams.api import Requirement
from exams.models import Quiz


def requirements_for(*, user, quiz: Quiz) -> list[Requirement]:
    """Every requirement the registered hooks set on ``quiz`` for ``user``, met or not."""
    found: list[Requirement] = []
    for requirements in hooks.get_hooks("exam_requirements"):
        found.extend(requirements(user=user, quiz=quiz))
    return found


def missing_requirements(*, user, quiz: Quiz) -> list[Requirement]:
    return [
        requirement for requirement in requirements_for(user=user, quiz=quiz) if not requirement.met
    ]

"""A person's exam data for their data export and erasure (decision 1002), through ``exams.api``.

Erasure keeps the numbers item analysis needs (answers chosen, points, pass marks) and removes
the free text: the essays the person wrote, the feedback they wrote as a marker, and the reasons
written on their accommodations.
"""

from __future__ import annotations

from django.db.models import Q

from exams.models import Accommodation, Attempt, AttemptQuestion

ATTEMPT_FIELDS = (
    "id",
    "quiz__slug",
    "quiz__title",
    "number",
    "state",
    "started_at",
    "submitted_at",
    "graded_at",
    "score",
    "max_score",
    "percent",
    "passed",
)
ANSWER_FIELDS = (
    "attempt_id",
    "position",
    "kind",
    "text",
    "choices",
    "response",
    "essay",
    "points",
    "score",
    "feedback",
    "marked_at",
)


def export_rows(person) -> dict[str, list[dict]]:
    attempts = Attempt.objects.filter(user=person).order_by("started_at", "pk")
    answers = AttemptQuestion.objects.filter(attempt__user=person).order_by("attempt", "position")
    marks = answers.filter(kind="essay", marked_at__isnull=False)
    return {
        "attempts": list(attempts.values(*ATTEMPT_FIELDS)),
        "answers": list(answers.values(*ANSWER_FIELDS)),
        "exam_marks": list(marks.values("attempt_id", "position", "score", "points", "marked_at")),
    }


def erase(person, *, dry_run: bool) -> dict[str, int]:
    """Clear the free text ``person`` wrote or that was written about them in exams."""
    essays = AttemptQuestion.objects.filter(attempt__user=person).filter(~Q(essay=""))
    feedback_to = AttemptQuestion.objects.filter(attempt__user=person).filter(~Q(feedback=""))
    feedback_by = AttemptQuestion.objects.filter(marked_by=person).filter(~Q(feedback=""))
    reasons = Accommodation.objects.filter(user=person).filter(~Q(reason=""))
    counts = {
        "exams.essay_answers": essays.count(),
        "exams.feedback_received": feedback_to.count(),
        "exams.feedback_written": feedback_by.count(),
        "exams.accommodation_reasons": reasons.count(),
    }
    if not dry_run:
        essays.update(essay="")
        feedback_to.update(feedback="")
        feedback_by.update(feedback="")
        reasons.update(reason="")
    return counts


def clear_old_answers(*, before, dry_run: bool) -> int:
    """Retention: clear the essays and feedback of attempts started before ``before``; the
    numbers stay. Returns how many answers were (or would be) cleared."""
    old = AttemptQuestion.objects.filter(attempt__started_at__lt=before).filter(
        ~Q(essay="") | ~Q(feedback="")
    )
    count = old.count()
    if not dry_run:
        old.update(essay="", feedback="")
    return count

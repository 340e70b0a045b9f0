"""Learner pages of the quiz engine: the quiz list, a quiz's detail and its start button.

Models: ``Quiz``, ``Attempt``. Templates: ``templates/exams/quiz_*.html``. Taking an attempt and
its result are ``views.attempts``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from exams.models import Quiz
from exams.selectors.accommodations import accommodation_for
from exams.selectors.attempts import learner_attempts, learner_quiz_rows, quiz_question_count
from exams.selectors.eligibility import requirements_for
from exams.selectors.grades import grade_from_attempts
from exams.selectors.visibility import review_rights_for
from exams.services.attempts import (
    REFUSAL_MESSAGES,
    AttemptRefused,
    attempt_start,
    in_progress_among,
    start_check,
)
from lms.http import post_only


@login_required
def quiz_list(request):
    """Published quizzes with the learner's standing. Template ``exams/quiz_list.html``."""
    rows = learner_quiz_rows(request.user)
    return render(
        request,
        "exams/quiz_list.html",
        {
            "certification_rows": [r for r in rows if r.quiz.is_certification],
            "practice_rows": [r for r in rows if not r.quiz.is_certification],
        },
    )


@login_required
@never_cache
def quiz_detail(request, slug):
    """A quiz's rules (with the learner's accommodations), the learner's attempts, what the
    exam requires and the start button (or why they cannot start).

    Template ``exams/quiz_detail.html``; context ``quiz``, ``attempts``, ``grade``, ``check``,
    ``in_progress``, ``rights``, ``allowance``, ``requirements``, ``missing``, ``window``.
    A constant number of queries, whatever the number of requirements and accommodations.
    """
    quiz = get_object_or_404(Quiz, slug=slug, draft=False)
    now = timezone.now()
    attempts = learner_attempts(quiz, request.user)
    in_progress = in_progress_among(attempts, now=now)
    allowance = accommodation_for(quiz=quiz, user=request.user).allowance
    check = start_check(quiz=quiz, allowance=allowance, attempts_used=len(attempts), now=now)
    requirements = requirements_for(user=request.user, quiz=quiz)
    missing = [requirement for requirement in requirements if not requirement.met]
    return render(
        request,
        "exams/quiz_detail.html",
        {
            "quiz": quiz,
            "attempts": attempts,
            "grade": grade_from_attempts(quiz, attempts),
            "check": check,
            "refusal": REFUSAL_MESSAGES.get(check.reason, ""),
            "in_progress": in_progress,
            "rights": review_rights_for(quiz, now),
            "question_count": quiz_question_count(quiz),
            "allowance": allowance,
            "window": allowance.window(open_at=quiz.open_at, close_at=quiz.close_at),
            "attempts_allowed": allowance.attempts_allowed(quiz.attempts_allowed),
            "requirements": requirements,
            "missing": missing,
            "not_eligible": REFUSAL_MESSAGES["not_eligible"],
        },
    )


def _quiz_page(request, slug) -> tuple[str, str]:
    quiz = get_object_or_404(Quiz, slug=slug, draft=False)
    url = reverse("exams:quiz_detail", kwargs={"slug": quiz.slug})
    return url, _("To start or continue the quiz, use the button on this page.")


@login_required
@post_only(redirect_to=_quiz_page)
def quiz_start(request, slug):
    """Start (or resume) an attempt, then go to its current page; refusals return to the quiz."""
    quiz = get_object_or_404(Quiz, slug=slug, draft=False)
    try:
        attempt = attempt_start(quiz=quiz, user=request.user)
    except AttemptRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("exams:quiz_detail", slug=quiz.slug)
    return redirect("exams:attempt_resume", pk=attempt.pk)

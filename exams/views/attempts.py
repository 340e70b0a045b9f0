"""Learner pages of the quiz engine: taking an attempt, page by page, and its result.

Models: ``Attempt``, ``AttemptQuestion``. Templates: ``templates/exams/attempt_*.html``. An
attempt is only ever looked up together with its owner, so another user's attempt is a 404.
Exam pages are never cached (the Back button re-fetches them) and carry, per question, the
version of the answer they show (see ``services.answers.answers_save``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from exams import rules, scoring
from exams.models import CATEGORY_SEPARATOR, Attempt, AttemptQuestion, Question, Quiz
from exams.selectors.attempts import (
    PageQuestion,
    attempt_navigation,
    attempt_page_questions,
    attempt_questions,
    own_attempt,
)
from exams.selectors.grades import learner_grade
from exams.selectors.visibility import review_rights_for
from exams.services.answers import (
    AnswerInput,
    InvalidAnswer,
    answers_save,
    answers_save_for,
    attempt_move,
)
from exams.services.attempts import attempt_submit as submit_attempt
from exams.services.attempts import (
    close_if_overdue,
)
from exams.views.navigation import NavItem, nav_buttons
from lms.bilingual import Localized, localized
from lms.http import post_only
from lms.parsing import InputError, parse_int

INVALID_ANSWER_MESSAGE = gettext_lazy(
    "That answer does not belong to this question. Please reload the page."
)
CONFLICT_MESSAGE_NO_JS = gettext_lazy(
    "Some answers were changed in another window or by an earlier click; they were not "
    "overwritten. The newest saved answers are shown."
)


# --- What an exam page may show: never the right answers -------------------------------------


@dataclass(frozen=True)
class ChoiceView:
    key: str
    text: str
    checked: bool
    letter: str = ""  # "A", "B", … as the page labels the choice; none for true/false


@dataclass(frozen=True)
class QuestionView:
    """A question as the exam page shows it. It has no field for right answers or explanation,
    so a template cannot leak them."""

    position: int
    kind: str
    kind_label: str
    text: str
    points: object
    choices: tuple[ChoiceView, ...]
    essay: str
    flagged: bool
    answered: bool
    version: int


def _choice_label(kind: str, choice: dict) -> str:
    """A choice's text in the page's language (``Localized``: a fallback is marked)."""
    if kind == Question.Kind.TRUE_FALSE:
        return _("True") if choice["key"] == "true" else _("False")
    return localized(choice, "text")


def question_view(aq: PageQuestion) -> QuestionView:
    chosen = set(aq.response or ())
    return QuestionView(
        position=aq.position,
        kind=aq.kind,
        kind_label=str(Question.Kind(aq.kind).label),
        text=localized(aq, "text"),
        points=aq.points,
        choices=tuple(
            ChoiceView(
                c["key"],
                _choice_label(aq.kind, c),
                c["key"] in chosen,
                "" if aq.kind == Question.Kind.TRUE_FALSE else chr(ord("A") + index),
            )
            for index, c in enumerate(aq.choices)
        ),
        essay=aq.essay,
        flagged=aq.flagged,
        answered=aq.is_answered,
        version=aq.version,
    )


# --- Lookups --------------------------------------------------------------------------------


def _own_attempt(request, pk: int) -> Attempt:
    """The signed-in user's attempt ``pk`` (404 for anyone else's), closed if overdue."""
    attempt = own_attempt(pk=pk, user_id=request.user.pk)
    if attempt is None:
        raise Http404
    close_if_overdue(attempt=attempt)
    return attempt


def _finished_redirect(request, attempt: Attempt, *, json: bool = False):
    if attempt.auto_submitted:
        text = _("Time is up: your attempt was submitted automatically with every saved answer.")
    else:
        text = _("This attempt has been submitted; its answers can no longer change.")
    url = reverse("exams:attempt_result", kwargs={"pk": attempt.pk})
    if json:
        return JsonResponse({"ok": False, "closed": True, "message": text, "redirect": url})
    messages.info(request, text)
    return redirect(url)


def _page_count(attempt: Attempt, total: int) -> int:
    return 1 if attempt.quiz.layout == Quiz.Layout.ALL_ON_ONE_PAGE else total


def _page_positions(attempt: Attempt, page: int, total: int) -> list[int]:
    if attempt.quiz.layout == Quiz.Layout.ALL_ON_ONE_PAGE:
        return list(range(1, total + 1))
    return [page]


def _page_of(attempt: Attempt, position: int) -> int:
    return 1 if attempt.quiz.layout == Quiz.Layout.ALL_ON_ONE_PAGE else position


# --- Taking an attempt ---------------------------------------------------------------------------


@login_required
@never_cache
def attempt_resume(request, pk):
    """Reopen an attempt where the learner left it (or show its result once submitted)."""
    attempt = _own_attempt(request, pk)
    if not attempt.is_in_progress:
        return redirect("exams:attempt_result", pk=attempt.pk)
    return redirect(
        "exams:attempt_page", pk=attempt.pk, page=_page_of(attempt, attempt.current_position)
    )


def _parse_answers(request) -> list[AnswerInput] | None:
    """Answers posted by an exam page, or None when the post is malformed."""
    try:
        positions = [parse_int(p, low=1) for p in request.POST.getlist("positions")]
        answers = []
        for position in positions:
            prefix = f"q{position}-"
            essay = request.POST.get(prefix + "essay")
            if essay is not None and "\x00" in essay:  # no database stores a NUL in text
                return None
            keys = None if essay is not None else tuple(request.POST.getlist(prefix + "choice"))
            if request.POST.get(prefix + "clear"):
                keys = ()
            answers.append(
                AnswerInput(
                    position=position,
                    version=parse_int(request.POST.get(prefix + "version", ""), low=0),
                    keys=keys,
                    essay=essay,
                    flagged=request.POST.get(prefix + "flag") == "1",
                )
            )
    except (InputError, MultiPartParserError, RequestDataTooBig, TooManyFieldsSent):
        # A body Django cannot parse is as unexpected as a bad field: a 400 in the same shape
        # (JSON for the autosave script), not Django's bare error page.
        return None
    if len({a.position for a in answers}) != len(answers):
        return None
    return answers


def _save_posted(request, attempt: Attempt):
    """Parse and save a page's answers: (SaveResult | None, error response | None)."""
    answers = _parse_answers(request)
    if answers is None:
        return None, _bad_request(request, _("The page sent something unexpected."))
    try:
        return answers_save(attempt=attempt, answers=answers), None
    except InvalidAnswer:
        return None, _bad_request(request, INVALID_ANSWER_MESSAGE)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _bad_request(request, message):
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=400)
    return HttpResponseBadRequest(
        render(request, "exams/attempt_error.html", {"message": message}).content
    )


@login_required
@never_cache
def attempt_page(request, pk, page):
    """One page of an attempt: GET shows it, POST saves it and moves (next/previous/summary).

    Template ``exams/attempt_page.html``; context ``attempt``, ``quiz``, ``questions``
    (``QuestionView``), ``nav``, ``page``, ``page_count``, ``seconds_left``.
    """
    attempt = _own_attempt(request, pk)
    if not attempt.is_in_progress:
        return _finished_redirect(request, attempt)
    if request.method == "POST":
        return _attempt_page_post(request, attempt, page)
    rows = attempt_page_questions(attempt)
    page_count = _page_count(attempt, len(rows))
    if not 1 <= page <= page_count:
        raise Http404
    return render(
        request, "exams/attempt_page.html", _page_context(attempt, page, page_count, rows)
    )


def _attempt_page_post(request, attempt: Attempt, page: int):
    """Save a page's answers, then move as the button pressed asks."""
    page_count = _page_count(attempt, attempt.questions.count())
    if not 1 <= page <= page_count:
        raise Http404
    result, error = _save_posted(request, attempt)
    if error:
        return error
    if not result.accepted:
        attempt.refresh_from_db()
        close_if_overdue(attempt=attempt)
        return _finished_redirect(request, attempt)
    if result.conflicts:
        messages.warning(request, CONFLICT_MESSAGE_NO_JS)
        return redirect("exams:attempt_page", pk=attempt.pk, page=page)
    target = _navigation_target(request.POST.get("go", ""), page, page_count)
    if target == "summary":
        return redirect("exams:attempt_summary", pk=attempt.pk)
    attempt_move(attempt=attempt, position=target)
    return redirect("exams:attempt_page", pk=attempt.pk, page=target)


def _navigation_target(go: str, page: int, page_count: int):
    if go == "next":
        return min(page + 1, page_count)
    if go == "previous":
        return max(page - 1, 1)
    if go == "summary":
        return "summary"
    try:
        return parse_int(go, low=1, high=page_count)
    except InputError:
        return page


def _page_context(attempt: Attempt, page: int, page_count: int, rows) -> dict:
    """``rows``: every question of the attempt (``attempt_page_questions``)."""
    positions = set(_page_positions(attempt, page, len(rows)))
    now = timezone.now()
    nav = [
        NavItem(
            aq.position,
            aq.is_answered,
            aq.flagged,
            aq.position in positions,
            go=_page_of(attempt, aq.position),
        )
        for aq in rows
    ]
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": [question_view(aq) for aq in rows if aq.position in positions],
        "nav": nav,
        "nav_buttons": nav_buttons(nav),
        "page": page,
        "page_count": page_count,
        "one_per_page": attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE,
        "seconds_left": rules.seconds_left(deadline=attempt.deadline, now=now),
    }


@login_required
@require_POST
def attempt_autosave(request, pk):
    """JSON endpoint of the autosave script: saves like a page post, answers with versions."""
    answers = _parse_answers(request)
    if answers is None:
        return _bad_request(request, _("The page sent something unexpected."))
    try:
        attempt, result = answers_save_for(attempt_id=pk, user=request.user, answers=answers)
    except Attempt.DoesNotExist:
        raise Http404 from None
    except InvalidAnswer:
        return _bad_request(request, INVALID_ANSWER_MESSAGE)
    if not result.accepted:
        close_if_overdue(attempt=attempt)
        return _finished_redirect(request, attempt, json=True)
    payload = {
        "ok": not result.conflicts,
        "saved": result.saved,
        "conflicts": result.conflicts,
        "versions": {str(k): v for k, v in result.versions.items()},
        "saved_at": timezone.localtime().strftime("%H:%M:%S"),
    }
    if result.conflicts:
        payload["message"] = _(
            "This answer was changed in another window or tab; yours was not saved so as not "
            "to overwrite the newer one. Reload the page to see it."
        )
    return JsonResponse(payload)


@login_required
@never_cache
def attempt_summary(request, pk):
    """Every question's state (answered, flagged) before the final submit.

    Template ``exams/attempt_summary.html``.
    """
    attempt = _own_attempt(request, pk)
    if not attempt.is_in_progress:
        return _finished_redirect(request, attempt)
    rows = attempt_navigation(attempt)
    return render(
        request,
        "exams/attempt_summary.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "rows": [NavItem(aq.position, aq.is_answered, aq.flagged, False) for aq in rows],
            "unanswered": sum(1 for aq in rows if not aq.is_answered),
            "flagged": sum(1 for aq in rows if aq.flagged),
            "seconds_left": rules.seconds_left(deadline=attempt.deadline, now=timezone.now()),
            "one_per_page": attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE,
        },
    )


def _submit_page(request, pk) -> tuple[str, str]:
    attempt = _own_attempt(request, pk)
    if not attempt.is_in_progress:
        url = reverse("exams:attempt_result", kwargs={"pk": attempt.pk})
        return url, _("This attempt has been submitted; its answers can no longer change.")
    url = reverse("exams:attempt_summary", kwargs={"pk": attempt.pk})
    return url, _("To submit your attempt, use “Submit all and finish” on this page.")


@login_required
@post_only(redirect_to=_submit_page)
def attempt_submit(request, pk):
    """Final submit (idempotent: a second click finds the attempt submitted and grades nothing)."""
    attempt = own_attempt(pk=pk, user_id=request.user.pk)
    if attempt is None:
        raise Http404
    was_in_progress = attempt.is_in_progress
    close_if_overdue(attempt=attempt)
    attempt = submit_attempt(attempt=attempt)
    if was_in_progress and not attempt.auto_submitted:
        messages.success(request, _("Your attempt has been submitted."))
    elif attempt.auto_submitted:
        return _finished_redirect(request, attempt)
    return redirect("exams:attempt_result", pk=attempt.pk)


# --- Result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    position: int
    kind: str
    text: str
    points: object
    score: object
    choices: tuple[tuple[str, bool, bool], ...]  # (label, picked, right)
    essay: str
    feedback: str
    explanation: str
    marked: bool


def review_rows(rows: list[AttemptQuestion], *, explanations: bool) -> list[ReviewRow]:
    return [
        ReviewRow(
            position=aq.position,
            kind=aq.kind,
            text=localized(aq, "text"),
            points=aq.points,
            score=aq.score,
            choices=tuple(
                (_choice_label(aq.kind, c), c["key"] in (aq.response or ()), c["key"] in aq.correct)
                for c in aq.choices
            ),
            essay=aq.essay,
            feedback=aq.feedback,
            explanation=localized(aq, "explanation") if explanations else "",
            marked=aq.marked_at is not None or aq.kind != Question.Kind.ESSAY,
        )
        for aq in rows
    ]


def module_label(aq: AttemptQuestion) -> str:
    """The module of a question in the page's language: the last part of its frozen category
    path ("Course/02 Roles" → "02 Roles"); a ``Localized`` that keeps a fallback's mark."""
    path = localized(aq, "category_name")
    name = path.rsplit(CATEGORY_SEPARATOR, 1)[-1].strip()
    if not name:
        return _("No category")
    return Localized(name, lang=path.lang, fallback=path.fallback)


def points_breakdown(rows: list[AttemptQuestion]) -> dict[str, list[scoring.PointsRow]]:
    """The points of a graded attempt by module (``module_label``), in order of name, and by
    question type, in the page's language."""
    categories = scoring.points_by((module_label(aq), aq.score, aq.points) for aq in rows)
    return {
        "categories": sorted(categories, key=lambda row: row.label),
        "kinds": scoring.points_by((aq.get_kind_display(), aq.score, aq.points) for aq in rows),
    }


@login_required
@never_cache
def attempt_result(request, pk):
    """A finished attempt as the quiz's review options allow the learner to see it.

    Template ``exams/attempt_result.html``; context ``attempt``, ``quiz``, ``rights``,
    ``review`` (only when right answers may be shown), ``grade``, ``breakdown`` (points by
    module and by question type: only when the score may be shown and every answer is marked).
    """
    attempt = _own_attempt(request, pk)
    if attempt.is_in_progress:
        return redirect("exams:attempt_resume", pk=attempt.pk)
    rights = review_rights_for(attempt.quiz)
    rows = attempt_questions(attempt) if rights.answers or rights.score else []
    review = review_rows(rows, explanations=rights.explanations) if rights.answers else []
    graded = rights.score and attempt.state == Attempt.State.GRADED
    return render(
        request,
        "exams/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "rights": rights,
            "review": review,
            "grade": learner_grade(attempt.quiz, request.user) if rights.score else None,
            "breakdown": points_breakdown(rows) if graded else None,
        },
    )

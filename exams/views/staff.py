"""Trainer pages of the quiz engine: results, item analysis, attempt review and marking.

Every page is for Trainers (and Administrators) and only shows quizzes the user may see
(``selectors.visibility.visible_quizzes``): another trainer's quiz is a 404, like a missing one.
Templates: ``templates/exams/staff_*.html`` and ``templates/exams/marking_*.html``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import api as audit
from exams import exports as quiz_exports
from exams.forms.marking import EssayMarkForm
from exams.models import Attempt, Quiz
from exams.selectors.accommodations import accommodation_for, quiz_accommodations
from exams.selectors.analysis import quiz_item_analysis
from exams.selectors.attempts import attempt_questions
from exams.selectors.marking import essay_for_marker, pending_marking_count
from exams.selectors.marking import marking_queue as essays_to_mark
from exams.selectors.results import learner_attempts_for_staff, quiz_attempts, quiz_overview
from exams.selectors.visibility import is_quiz_staff, visible_quizzes
from exams.services.marking import essay_mark
from exams.views.attempts import review_rows
from lms import exports
from lms.blind_marking import blind_items

BLIND_REFUSAL = gettext_lazy(
    "You are re-marking this attempt on appeal: its first mark is hidden from you, and you "
    "mark it on the appeal's re-mark page."
)


def _staff(request):
    if not is_quiz_staff(request.user):
        raise PermissionDenied


def _visible_quiz(request, slug) -> Quiz:
    return get_object_or_404(visible_quizzes(request.user), slug=slug)


@login_required
def staff_quiz_list(request):
    """Quizzes the trainer may see, with attempt counts and essays to mark.

    Template ``exams/staff_quiz_list.html``; context ``quizzes``, ``to_mark``.
    """
    _staff(request)
    return render(
        request,
        "exams/staff_quiz_list.html",
        {
            "quizzes": quiz_overview(request.user),
            "to_mark": pending_marking_count(request.user),
        },
    )


def _export(request, filename: str, attempts, *, hidden: set[int]):
    fmt = request.GET.get("format")
    if fmt not in ("csv", "xlsx"):
        return None
    headers = quiz_exports.attempt_headers()
    rows = quiz_exports.attempt_rows(attempts, hidden=hidden)
    if fmt == "csv":
        return exports.csv_response(f"{filename}.csv", headers, rows)
    return exports.xlsx_response(f"{filename}.xlsx", headers, rows, title=_("Results"))


@login_required
def staff_quiz_results(request, slug):
    """Every attempt of a quiz, with each learner's grade and the extra time it had, and the
    quiz's accommodations; ``?format=csv|xlsx`` downloads. The grade of an attempt the user
    re-marks blind on appeal is hidden (``blind_attempts``, decision 1001).

    Template ``exams/staff_quiz_results.html``; context ``quiz``, ``page_obj``,
    ``accommodations``, ``blind_attempts``.
    """
    _staff(request)
    quiz = _visible_quiz(request, slug)
    attempts = quiz_attempts(quiz).select_related("quiz")
    blind = blind_items(request.user).attempt_ids
    download = _export(request, f"results-{quiz.pk}", attempts, hidden=blind)
    if download:
        return download
    page = Paginator(attempts, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "exams/staff_quiz_results.html",
        {
            "quiz": quiz,
            "page_obj": page,
            "accommodations": quiz_accommodations(quiz),
            "blind_attempts": blind,
        },
    )


@login_required
def staff_learner_results(request, user_id):
    """One learner's attempts on the quizzes the trainer may see; ``?format=csv|xlsx``.
    The grade of an attempt the user re-marks blind on appeal is hidden.

    Template ``exams/staff_learner_results.html``; context ``learner``, ``attempts``,
    ``blind_attempts``.
    """
    _staff(request)
    learner = get_object_or_404(get_user_model(), pk=user_id)
    attempts = learner_attempts_for_staff(request.user, learner).select_related("user")
    audit.record_access(viewer=request.user, subject=learner, obj=learner, request=request)
    blind = blind_items(request.user).attempt_ids
    download = _export(request, f"results-{learner.username}", attempts, hidden=blind)
    if download:
        return download
    return render(
        request,
        "exams/staff_learner_results.html",
        {"learner": learner, "attempts": attempts[:500], "blind_attempts": blind},
    )


@login_required
def staff_attempt_detail(request, pk):
    """An attempt in full (answers, right answers, marks) for a trainer who may see its quiz,
    with the learner's accommodations on it (who granted them, when and why). To the grader
    who re-marks its essays blind on appeal, the score and the essays' marks and feedback are
    hidden and ``remark_url`` leads to the appeal's re-mark page.

    Template ``exams/staff_attempt_detail.html``; context ``attempt``, ``quiz``, ``review``,
    ``grants``, ``remark_url``.
    """
    _staff(request)
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "user").filter(
            quiz__in=visible_quizzes(request.user)
        ),
        pk=pk,
    )
    audit.record_access(viewer=request.user, subject=attempt.user, obj=attempt, request=request)
    return render(
        request,
        "exams/staff_attempt_detail.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "review": review_rows(attempt_questions(attempt), explanations=True),
            "grants": accommodation_for(quiz=attempt.quiz, user=attempt.user).grants,
            "remark_url": blind_items(request.user).attempt(attempt.pk),
        },
    )


@login_required
def staff_item_analysis(request, slug):
    """Facility, discrimination, choice frequencies and test statistics of an exam.

    First attempts by default, ``?attempts=all`` for every graded attempt.
    Template ``exams/staff_item_analysis.html``; context ``quiz``, ``analysis``.
    """
    _staff(request)
    quiz = _visible_quiz(request, slug)
    first_only = request.GET.get("attempts") != "all"
    analysis = quiz_item_analysis(quiz, first_only=first_only)
    return render(request, "exams/staff_item_analysis.html", {"quiz": quiz, "analysis": analysis})


@login_required
def marking_queue(request):
    """Essay answers to mark, unmarked first; ``?show=all`` adds the marked ones. An essay
    the user re-marks blind on appeal shows no mark, only the way to its re-mark page.

    Template ``exams/marking_queue.html``; context ``page_obj``, ``show_marked``, ``rows``
    (each answer with the URL of its re-mark page, or ``None``).
    """
    _staff(request)
    show_marked = request.GET.get("show") == "all"
    answers = essays_to_mark(request.user, show_marked=show_marked)
    page = Paginator(answers, 50).get_page(request.GET.get("page"))
    # Only marked essays can be under appeal: the "to mark" list needs no look-up.
    blind = blind_items(request.user) if show_marked else None
    rows = [(answer, blind.attempt(answer.attempt_id) if blind else None) for answer in page]
    return render(
        request,
        "exams/marking_queue.html",
        {"page_obj": page, "show_marked": show_marked, "rows": rows},
    )


@login_required
def marking_essay(request, pk):
    """Mark one essay answer: points and feedback. The attempt is graded after the last one.

    The grader who re-marks the attempt blind on appeal is sent to the appeal's re-mark
    page instead: this page shows the first mark and would change it.

    Template ``exams/marking_essay.html``; context ``answer``, ``attempt``, ``form``.
    """
    _staff(request)
    answer = essay_for_marker(request.user, pk)
    if answer is None:
        raise Http404
    remark_url = blind_items(request.user).attempt(answer.attempt_id)
    if remark_url:
        messages.info(request, BLIND_REFUSAL)
        return redirect(remark_url)
    audit.record_access(
        viewer=request.user, subject=answer.attempt.user, obj=answer.attempt, request=request
    )
    initial = {"points": answer.score, "feedback": answer.feedback} if answer.marked_at else {}
    form = EssayMarkForm(request.POST or None, initial=initial, max_points=answer.points)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = essay_mark(
                answer=answer,
                marker=request.user,
                points=form.cleaned_data["points"],
                feedback=form.cleaned_data["feedback"],
                request=request,
            )
        except ValueError:
            form.add_error("points", _("These points cannot be given to this answer."))
        else:
            if attempt.state == Attempt.State.GRADED:
                messages.success(
                    request,
                    _("Mark saved. The attempt is graded: %(percent)s%%.")
                    % {"percent": attempt.percent},
                )
            else:
                messages.success(request, _("Mark saved."))
            return redirect("exams:marking_queue")
    return render(
        request,
        "exams/marking_essay.html",
        {"answer": answer, "attempt": answer.attempt, "form": form},
    )

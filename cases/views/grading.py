"""Grading practice-case reports: the queue, the grading screen, moderation, and the grader
agreement report. Only users allowed to grade (``cases.grade_casesubmission``) see these pages.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import api as audit
from cases import selectors, services
from cases.forms import GradingForm
from cases.models import CaseSubmission, MarkDecision, MarkKind, MarkStatus, SubmissionStatus
from cases.report import ReportContent, fishbone_for_display
from lms.blind_marking import blind_items
from lms.page_panels import merged

BLIND_REFUSAL = gettext_lazy(
    "You are re-marking this report on appeal: its first mark is hidden from you, and you "
    "mark it on the appeal's re-mark page."
)


def _require(check, user):
    if not check(user):
        raise Http404


@login_required
def grading_queue(request):
    """The trainer's queue: reports to mark (oldest first, 50 a page), unfinished marks,
    reports waiting for moderation (lead trainers) and recent marks.
    Template ``cases/grading_queue.html``."""
    _require(selectors.can_grade, request.user)
    queue = selectors.grading_queue(request.user)
    page = Paginator(queue.to_mark, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/grading_queue.html",
        {"queue": queue, "page": page, "late": _late([*page.object_list, *queue.moderation])},
    )


def _late(submissions) -> set[int]:
    """The ids of the reports handed in after their writer's due date for the case, where an
    app (assignments) gives one through the ``case_report_due_dates`` hook (decision 0803)."""
    pairs = {(s.learner_id, s.case_id) for s in submissions}
    due = merged("case_report_due_dates", pairs=pairs) if pairs else {}
    return {
        s.pk
        for s in submissions
        if s.submitted_at
        and (s.learner_id, s.case_id) in due
        and s.submitted_at > due[(s.learner_id, s.case_id)]
    }


def _initial(mark, criteria) -> dict:
    if mark is None:
        return {}
    scores = {score.criterion_id: score for score in mark.scores.all()}
    initial = {"feedback": mark.feedback}
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is not None:
            initial[f"level_{criterion.pk}"] = score.level_id
            initial[f"comment_{criterion.pk}"] = score.comment
    return initial


def _mode(*, submission, my_mark, markers, moderator) -> str:
    """What the user does with the report now: ``mark``, ``moderate`` or ``read``."""
    is_marker = my_mark is not None and my_mark.kind == MarkKind.MARKER
    if submission.status == SubmissionStatus.MODERATION:
        return "moderate" if moderator and not is_marker else "read"
    if submission.status == SubmissionStatus.SUBMITTED:
        has_place = len(markers) < submission.case.markers_needed
        own_open = my_mark is not None and my_mark.status == MarkStatus.DRAFT
        return "mark" if own_open or (my_mark is None and has_place) else "read"
    return "read"


def _shown_marks(*, submission, marks, my_mark, submitted_markers) -> list:
    """The submitted marks the user may see beside the report."""
    # Independent marks stay hidden from each other until both are in.
    all_in = len(submitted_markers) >= submission.case.markers_needed
    if all_in or submission.status in (SubmissionStatus.FINALISED, SubmissionStatus.RETURNED):
        return [m for m in marks if m.status == MarkStatus.SUBMITTED]
    if my_mark is not None and my_mark.status == MarkStatus.SUBMITTED:
        return [my_mark]
    return []


def _marks_shown(*, submission, markers, marks, my_mark, blind) -> tuple[list, int]:
    """The marks shown beside the report, and how many markers' marks stay hidden for now.
    Nothing is shown to a grader who re-marks the report blind on appeal (``blind``)."""
    if blind:
        return [], 0
    submitted_markers = [m for m in markers if m.status == MarkStatus.SUBMITTED]
    shown = _shown_marks(
        submission=submission, marks=marks, my_mark=my_mark, submitted_markers=submitted_markers
    )
    return shown, len(submitted_markers) - len([m for m in shown if m.kind == MarkKind.MARKER])


@login_required
def grading_screen(request, pk):
    """The report beside the rubric. Markers choose one level per criterion and comment;
    a lead trainer moderates when two marks disagree. Template ``cases/grading_screen.html``.

    POST ``action``: ``save``, ``finalise``, ``return``, ``submit`` (double marking) or
    ``withdraw`` (give up an unfinished mark).

    A grader re-marking the report blind on appeal sees no mark and may not post here: they
    mark it on the appeal's re-mark page (``remark_url``, decision 1001).
    """
    submission = selectors.submission_for_grading(pk=pk, user=request.user)
    remark_url = blind_items(request.user).case_report(submission.pk)
    if remark_url and request.method == "POST":
        messages.error(request, BLIND_REFUSAL)
        return redirect(remark_url)
    audit.record_access(
        viewer=request.user, subject=submission.learner, obj=submission, request=request
    )
    case = submission.case
    rubric = selectors.rubric_with_levels(submission.rubric_id)
    criteria = list(rubric.criteria.all())
    marks = selectors.marks_of(submission)
    my_mark = next((m for m in marks if m.grader_id == request.user.pk), None)
    markers = [m for m in marks if m.kind == MarkKind.MARKER]
    moderator = selectors.can_moderate(request.user)
    mode = _mode(submission=submission, my_mark=my_mark, markers=markers, moderator=moderator)
    shown_marks, hidden_count = _marks_shown(
        submission=submission, markers=markers, marks=marks, my_mark=my_mark, blind=remark_url
    )
    form = GradingForm(
        request.POST or None,
        criteria=criteria,
        initial=_initial(my_mark if mode != "read" else None, criteria),
    )
    if request.method == "POST":
        response = _post(request, submission, form)
        if response is not None:
            return response

    content = ReportContent.from_object(submission)
    return render(
        request,
        "cases/grading_screen.html",
        {
            "submission": submission,
            "case": case,
            "blind": case.blind_marking,
            "content": content,
            "fishbone": fishbone_for_display(content, fallback_effect=_("The problem")),
            "attachments": list(submission.attachments.all()),
            "rubric": rubric,
            "form": form,
            "mode": mode,
            "my_mark": my_mark,
            "table": selectors.mark_table(criteria=criteria, marks=shown_marks),
            "hidden_count": hidden_count,
            "remark_url": remark_url,
            "can_return": submission.number < case.versions_allowed,
        },
    )


# --- Posting a mark or a moderation ------------------------------------------------------


def _post(request, submission, form):
    """Apply the grader's action; return a redirect, or None to show the form again (when
    what was typed is not valid).

    The services decide whether the action is allowed (a report finalised by someone else in
    the meantime, a full set of markers, one's own report …) and say why not.
    """
    action = request.POST.get("action", "save")
    if action == "withdraw":
        return _withdraw(request, submission)
    if not form.is_valid():
        return None
    entry = services.MarkInput(
        levels=form.chosen_levels(),
        comments=form.comments(),
        feedback=form.cleaned_data["feedback"],
    )
    record = _Recorder(
        submission=submission,
        user=request.user,
        entry=entry,
        moderating=submission.status == SubmissionStatus.MODERATION,
        allowed=selectors.can_moderate(request.user),
        request=request,
        reason=form.cleaned_data["reason"],
    )
    try:
        if action == "save":
            record.save_draft()
            messages.success(request, _("Your mark has been saved as a draft."))
            return redirect("cases:grading_screen", pk=submission.pk)
        record.decide(MarkDecision.RETURN if action == "return" else MarkDecision.FINALISE)
    except audit.ReasonRequired as missing:
        form.add_error("reason", str(missing))
        return None  # the form again, with what was typed
    except services.CaseActionRefused as refused:
        messages.error(request, str(refused))
        if action != "save":
            # Keep the levels chosen so far when the mark was only incomplete.
            with contextlib.suppress(services.CaseActionRefused):
                record.save_draft()
        return redirect("cases:grading_screen", pk=submission.pk)
    submission.refresh_from_db()
    messages.success(request, _result_message(submission))
    return redirect("cases:grading_queue")


def _withdraw(request, submission):
    """Give up the user's unfinished mark; back to the queue, or to the screen if refused."""
    try:
        services.mark_withdraw(submission=submission, grader=request.user)
    except services.CaseActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("cases:grading_screen", pk=submission.pk)
    messages.success(request, _("Your unfinished mark was withdrawn."))
    return redirect("cases:grading_queue")


@dataclass(frozen=True)
class _Recorder:
    """Records the user's entry as a mark, or as a moderation when the report waits for one
    (``allowed``: the user may moderate)."""

    submission: CaseSubmission
    user: object
    entry: services.MarkInput
    moderating: bool
    allowed: bool
    request: object = None
    reason: str = ""

    def save_draft(self) -> None:
        if self.moderating:
            services.moderation_save_draft(
                submission=self.submission,
                moderator=self.user,
                entry=self.entry,
                allowed=self.allowed,
            )
        else:
            services.mark_save_draft(submission=self.submission, grader=self.user, entry=self.entry)

    def decide(self, decision: MarkDecision) -> None:
        if self.moderating:
            services.moderation_decide(
                submission=self.submission,
                moderator=self.user,
                entry=self.entry,
                decision=decision,
                allowed=self.allowed,
                request=self.request,
                reason=self.reason,
            )
        else:
            services.mark_submit(
                submission=self.submission,
                grader=self.user,
                entry=self.entry,
                decision=decision,
                request=self.request,
            )


def _result_message(submission) -> str:
    if submission.status == SubmissionStatus.FINALISED:
        return _("The report is graded: %(percent)s, %(verdict)s.") % {
            "percent": submission.final_percent,
            "verdict": _("passed") if submission.passed else _("not passed"),
        }
    if submission.status == SubmissionStatus.RETURNED:
        return _("The report has been returned to the learner for revision.")
    if submission.status == SubmissionStatus.MODERATION:
        return _("Both marks are in and they disagree: a lead trainer will moderate.")
    return _("Your mark has been submitted. The report waits for its second mark.")


@login_required
def grader_agreement(request):
    """Agreement between graders per rubric and per pair of graders.
    Template ``cases/grader_agreement.html``; context ``report`` (``RubricAgreement`` list)."""
    _require(selectors.can_see_agreement, request.user)
    return render(request, "cases/grader_agreement.html", {"report": selectors.agreement_report()})

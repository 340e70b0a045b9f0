"""Reads for learners: the open cases, their own report versions and the attachments they (or
a grader) may download."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from cases.models import CaseAttachment, CaseSubmission, PracticeCase, SubmissionStatus
from cases.report import ReportContent
from cases.selectors.grading import can_grade
from lms.bilingual import localized


def live_cases(*, with_tags: bool = True) -> QuerySet:
    cases = PracticeCase.objects.filter(live=True)
    return cases.prefetch_related("product_tags", "fault_type_tags") if with_tags else cases


def listed_cases(*, with_tags: bool = True) -> QuerySet:
    """Open cases without their scenario, for lists (with their tags: 2 more queries)."""
    return live_cases(with_tags=with_tags).defer("scenario")


def case_for_learner(slug: str) -> PracticeCase:
    case = live_cases().select_related("rubric").filter(slug=slug).first()
    if case is None:
        raise Http404
    return case


def learner_submissions(*, case: PracticeCase, learner) -> list[CaseSubmission]:
    """Every version of a learner's report on a case, oldest first."""
    return list(CaseSubmission.objects.filter(case=case, learner=learner).order_by("number"))


@dataclass
class CaseRow:
    case: PracticeCase
    latest: CaseSubmission | None
    final: CaseSubmission | None  # latest finalised version


def learner_case_rows(learner, *, with_tags: bool = True) -> list[CaseRow]:
    """Open cases with the learner's latest version and latest graded version (2 queries, 2
    more for the cases' tags), by title in the page's language (an English page sorts by the
    English titles)."""
    listed = listed_cases(with_tags=with_tags)
    cases = sorted(listed, key=lambda case: str(localized(case, "title")).casefold())
    submissions = (
        CaseSubmission.objects.filter(learner=learner, case__in=[c.pk for c in cases])
        .defer(*ReportContent.field_names())
        .order_by("number")
    )
    latest: dict[int, CaseSubmission] = {}
    final: dict[int, CaseSubmission] = {}
    for submission in submissions:
        latest[submission.case_id] = submission
        if submission.status == SubmissionStatus.FINALISED:
            final[submission.case_id] = submission
    return [CaseRow(case, latest.get(case.pk), final.get(case.pk)) for case in cases]


def own_submission(*, case: PracticeCase, learner, number: int) -> CaseSubmission:
    submission = (
        CaseSubmission.objects.filter(case=case, learner=learner, number=number)
        .prefetch_related("attachments")
        .first()
    )
    if submission is None:
        raise Http404
    return submission


# --- Attachments -------------------------------------------------------------------------


def attachment_for_user(*, pk: int, user) -> CaseAttachment:
    """An attachment the user may download: their own, or one of a report they may grade."""
    attachment = CaseAttachment.objects.select_related("submission").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    submission = attachment.submission
    if submission.learner_id == user.pk:
        return attachment
    if submission.status != SubmissionStatus.DRAFT and can_grade(user):
        return attachment
    raise Http404

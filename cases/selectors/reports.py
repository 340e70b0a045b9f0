"""Reads for learners: the open cases, their own report versions and the attachments they (or
a grader) may download."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.http import Http404

from cases.models import CaseAttachment, CaseSubmission, PracticeCase, SubmissionStatus
from cases.selectors.grading import can_grade
from lms import request_memo
from lms.bilingual import localized
from lms.versioned_cache import Versioned

# The open cases as the dashboard lists them, kept until a case is saved or deleted
# (``connect``; decision 0904, fifth round).
OPEN_CASES = Versioned("cases:open", timeout=60 * 60)


def live_cases(*, with_tags: bool = True) -> QuerySet:
    cases = PracticeCase.objects.filter(live=True)
    return cases.prefetch_related("product_tags", "fault_type_tags") if with_tags else cases


def listed_cases() -> QuerySet:
    """Open cases without their scenario, with their tags (2 more queries), for lists."""
    return live_cases().defer("scenario")


def open_case_titles() -> list[PracticeCase]:
    """The open cases with only their slug and titles (any other field is read from the
    database when asked for), kept in the cache while no case changes: 1 query, none while it
    is kept."""
    return OPEN_CASES.get(
        OPEN_CASES.key("titles"),
        lambda: list(live_cases(with_tags=False).only("id", "slug", "title", "title_en")),
    )


def connect() -> None:
    """Connect the receivers (``CasesConfig.ready``)."""
    post_save.connect(OPEN_CASES.changed, sender=PracticeCase, dispatch_uid="cases.open.saved")
    post_delete.connect(OPEN_CASES.changed, sender=PracticeCase, dispatch_uid="cases.open.gone")


def case_for_learner(slug: str) -> PracticeCase:
    case = live_cases().select_related("rubric").filter(slug=slug).first()
    if case is None:
        raise Http404
    return case


def learner_submissions(*, case: PracticeCase, learner) -> list[CaseSubmission]:
    """Every version of a learner's report on a case, oldest first."""
    return list(CaseSubmission.objects.filter(case=case, learner=learner).order_by("number"))


@dataclass(frozen=True)
class SubmissionRow:
    """One version of a learner's report, as lists show it (no report text)."""

    case_id: int
    case_slug: str
    number: int
    status: str
    final_percent: Decimal | None
    passed: bool | None


def own_submission_rows(
    *, learner_id: int, memo: request_memo.Memo | None = None
) -> list[SubmissionRow]:
    """Every version of every report of the learner, oldest first within a case, as plain
    rows. 1 query, none when ``memo`` has them (the dashboard's to-do list and practice-case
    panel share them)."""
    return request_memo.read(
        memo,
        ("cases.own_submission_rows", learner_id),
        lambda: [
            SubmissionRow(*values)
            for values in CaseSubmission.objects.filter(learner_id=learner_id)
            .order_by("number")
            .values_list("case_id", "case__slug", "number", "status", "final_percent", "passed")
        ],
    )


@dataclass
class CaseRow:
    case: PracticeCase
    latest: SubmissionRow | None
    final: SubmissionRow | None  # latest finalised version


def learner_case_rows(
    learner, *, with_tags: bool = True, memo: request_memo.Memo | None = None
) -> list[CaseRow]:
    """Open cases with the learner's latest version and latest graded version (2 queries, 2
    more for the cases' tags; without them, the cases' slugs and titles come from the cache:
    ``open_case_titles``; 1 fewer when ``memo`` has the learner's versions), by title in the
    page's language (an English page sorts by the English titles)."""
    listed = listed_cases() if with_tags else open_case_titles()
    cases = sorted(listed, key=lambda case: str(localized(case, "title")).casefold())
    latest: dict[int, SubmissionRow] = {}
    final: dict[int, SubmissionRow] = {}
    for submission in own_submission_rows(learner_id=learner.pk, memo=memo):
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

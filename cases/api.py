"""What other apps may ask of the practice cases, as plain frozen values.

Used by ``assessment``: ``practice_cases`` lists the open cases; ``case_titles`` (Chinese) and
``case_title_pairs`` (Chinese and English, as a pair) name them; ``case_results`` gives the final
result of many learners on many cases; ``case_summary`` one learner's results and their mean. A
case result is *final* when a version of the report has been finalised (graded); the latest
finalised version counts. ``status`` is the state of the learner's latest version.

Every function runs a constant number of queries whatever the number of users asked about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases import remarking, services, uploads
from cases.forms import GradingForm
from cases.models import CaseMark, CaseSubmission, PracticeCase, SubmissionStatus
from cases.report import ReportContent, fishbone_for_display
from cases.selectors.reports import own_submission_rows
from cases.selectors.rubrics import rubric_with_levels
from lms import request_memo

STATUS_NOT_STARTED = "not_started"
# Other statuses are the values of cases.models.SubmissionStatus:
# "draft", "submitted", "moderation", "returned", "finalised".


@dataclass(frozen=True)
class CaseRef:
    slug: str
    title: str  # Chinese
    title_en: str = ""  # English, "" when not written yet (read both with lms.bilingual)


@dataclass(frozen=True)
class CaseResult:
    user_id: int
    case_slug: str
    percent: Decimal | None  # final score 0–100 of the latest finalised version
    passed: bool | None
    status: str  # "not_started" or the status of the latest version


@dataclass(frozen=True)
class CaseSummary:
    results: tuple[CaseResult, ...]
    mean: Decimal | None  # None unless every requested case has a final result


def case_status_label(status: str) -> str:
    """A case result's ``status`` as people read it, in the active language."""
    if status == STATUS_NOT_STARTED:
        return str(_("Not started"))
    return str(SubmissionStatus(status).label) if status in SubmissionStatus.values else status


def practice_cases() -> list[CaseRef]:
    """Open practice cases, by title (1 query)."""
    return [
        CaseRef(slug=slug, title=title, title_en=title_en)
        for slug, title, title_en in PracticeCase.objects.filter(live=True)
        .order_by("title")
        .values_list("slug", "title", "title_en")
    ]


def case_titles(*, slugs: Iterable[str]) -> dict[str, str]:
    """The title of each practice case named by a slug (closed ones too), in one query; unknown
    slugs are left out."""
    slugs = list(dict.fromkeys(slugs))
    if not slugs:
        return {}
    return dict(PracticeCase.objects.filter(slug__in=slugs).values_list("slug", "title"))


def case_title_pairs(*, slugs: Iterable[str]) -> dict[str, tuple[str, str]]:
    """As :func:`case_titles`, each title as its (Chinese, English) pair; one query."""
    slugs = list(dict.fromkeys(slugs))
    if not slugs:
        return {}
    rows = PracticeCase.objects.filter(slug__in=slugs).values_list("slug", "title", "title_en")
    return {slug: (title, title_en) for slug, title, title_en in rows}


@dataclass(frozen=True)
class CaseLink:
    slug: str
    title: str  # Chinese
    title_en: str  # English, "" when not written yet
    url: str  # "" when the case is closed (learners cannot open it)


def case_links(*, slugs: Iterable[str]) -> dict[str, CaseLink]:
    """Where each practice case named by a slug is, for a link; one query, unknown slugs left
    out."""
    slugs = list(dict.fromkeys(slugs))
    if not slugs:
        return {}
    rows = PracticeCase.objects.filter(slug__in=slugs).values_list(
        "slug", "title", "title_en", "live"
    )
    return {
        slug: CaseLink(
            slug=slug,
            title=title,
            title_en=title_en,
            url=reverse("cases:case_detail", kwargs={"slug": slug}) if live else "",
        )
        for slug, title, title_en, live in rows
    }


def case_results(
    *,
    user_ids: Iterable[int],
    case_slugs: Iterable[str],
    memo: request_memo.Memo | None = None,
) -> dict[tuple[int, str], CaseResult]:
    """Every requested (user id, case slug) pair with its result (1 query; for one person with
    a ``memo``, their versions as the practice-case panel reads them: one query for both)."""
    user_ids = list(dict.fromkeys(user_ids))
    case_slugs = list(dict.fromkeys(case_slugs))
    latest: dict[tuple[int, str], str] = {}
    final: dict[tuple[int, str], tuple[Decimal, bool]] = {}
    if user_ids and case_slugs:
        if memo is not None and len(user_ids) == 1:
            wanted = set(case_slugs)
            rows = [
                (user_ids[0], row.case_slug, row.status, row.final_percent, row.passed)
                for row in own_submission_rows(learner_id=user_ids[0], memo=memo)
                if row.case_slug in wanted
            ]
        else:
            rows = (
                CaseSubmission.objects.filter(learner_id__in=user_ids, case__slug__in=case_slugs)
                .order_by("number")
                .values_list("learner_id", "case__slug", "status", "final_percent", "passed")
            )
        for user_id, slug, status, percent, passed in rows:
            latest[(user_id, slug)] = status
            if status == SubmissionStatus.FINALISED:
                final[(user_id, slug)] = (percent, passed)
    results = {}
    for user_id in user_ids:
        for slug in case_slugs:
            key = (user_id, slug)
            percent, passed = final.get(key, (None, None))
            results[key] = CaseResult(
                user_id=user_id,
                case_slug=slug,
                percent=percent,
                passed=passed,
                status=latest.get(key, STATUS_NOT_STARTED),
            )
    return results


def case_summary(*, user_id: int, case_slugs: Iterable[str]) -> CaseSummary:
    """One learner's results on the given cases and the mean of their final scores (1 query)."""
    case_slugs = list(dict.fromkeys(case_slugs))
    by_pair = case_results(user_ids=[user_id], case_slugs=case_slugs)
    results = tuple(by_pair[(user_id, slug)] for slug in case_slugs)
    percents = [result.percent for result in results]
    if not percents or any(percent is None for percent in percents):
        mean = None
    else:
        mean = (sum(percents, Decimal("0")) / len(percents)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    return CaseSummary(results=results, mean=mean)


# --- Personal data (issue 18, decision 1002): privacy's export, erasure and retention ---------


def personal_data(*, person) -> dict[str, list[dict]]:
    """The person's case reports (every field), their files and the marks of their reports."""
    from cases import personal_data

    return personal_data.export_rows(person)


def personal_files(*, person) -> list[tuple[str, bytes]]:
    """(path in the export zip, content) of the files attached to the person's reports."""
    from cases import personal_data

    return personal_data.export_files(person)


def erase_personal_data(*, person, dry_run: bool = False) -> dict[str, int]:
    """Remove the person's report texts and files (database and storage) and the feedback and
    comments by or about them; marks stay. Returns what changed (or would) by kind."""
    from cases import personal_data

    return personal_data.erase(person, dry_run=dry_run)


def clear_old_reports(*, before, dry_run: bool = False) -> int:
    """Retention: clear the text and files of reports created before ``before``."""
    from cases import personal_data

    return personal_data.clear_old_reports(before=before, dry_run=dry_run)


# --- Appeals (issue 18): a graded report, re-marked blind by another grader --------------------

# The appeal form checks its files as the report form does (decision 0304).
ATTACHMENT_ACCEPT = uploads.ACCEPT
AttachmentRefused = uploads.AttachmentRefused
inspect_attachment = uploads.inspect_upload
CaseActionRefused = services.CaseActionRefused


@dataclass(frozen=True)
class GradedReport:
    """A graded (finalised) report version as an appeal refers to it."""

    id: int
    learner_id: int
    case_slug: str
    title: str  # Chinese
    title_en: str  # "" when not written
    number: int
    finalised_at: object  # datetime: the report's release
    percent: Decimal | None
    passed: bool | None
    url: str  # the learner's page of this version


def graded_report(*, submission_id: int) -> GradedReport | None:
    """A finalised report version, or None (1 query)."""
    submission = (
        CaseSubmission.objects.filter(pk=submission_id, status=SubmissionStatus.FINALISED)
        .select_related("case")
        .first()
    )
    return graded_report_of(submission) if submission is not None else None


def graded_report_of(submission: CaseSubmission, case: PracticeCase | None = None):
    """:func:`graded_report` of a report version a page already has (with its ``case``: no
    query); None unless it is finalised."""
    if submission.status != SubmissionStatus.FINALISED:
        return None
    case = case or submission.case
    return GradedReport(
        id=submission.pk,
        learner_id=submission.learner_id,
        case_slug=case.slug,
        title=case.title,
        title_en=case.title_en,
        number=submission.number,
        finalised_at=submission.finalised_at,
        percent=submission.final_percent,
        passed=submission.passed,
        url=reverse("cases:case_version", kwargs={"slug": case.slug, "number": submission.number}),
    )


def report_graders(*, submission_id: int) -> set[int]:
    """Everyone who marked or moderated a report version (user ids; 1 query)."""
    return set(
        CaseMark.objects.filter(submission_id=submission_id).values_list("grader_id", flat=True)
    )


def remark_screen(*, submission_id: int, data=None) -> dict:
    """What a blind re-marker sees: the report (``content``, ``fishbone``, ``attachments``),
    the ``rubric`` and an empty grading ``form`` (bound to ``data`` when posted); no mark,
    no grader and no comment of the first marking. A few queries."""
    submission = CaseSubmission.objects.select_related("case").get(pk=submission_id)
    rubric = rubric_with_levels(submission.rubric_id)
    content = ReportContent.from_object(submission)
    return {
        "content": content,
        "fishbone": fishbone_for_display(content, fallback_effect=_("The problem")),
        "attachments": list(submission.attachments.all()),
        "rubric": rubric,
        "form": GradingForm(data, criteria=list(rubric.criteria.all())),
    }


def report_remark(*, submission_id: int, grader, form, reason: str, request=None) -> Decimal:
    """Record a valid re-marking ``form`` (from :func:`remark_screen`) as the report's final
    mark, for ``reason`` (the appeal, in the audit trail); returns the new score. Raises
    :class:`CaseActionRefused` with the reason."""
    entry = services.MarkInput(
        levels=form.chosen_levels(),
        comments=form.comments(),
        feedback=form.cleaned_data["feedback"],
    )
    submission = CaseSubmission.objects.get(pk=submission_id)
    remark = remarking.mark_on_appeal(
        submission=submission, grader=grader, entry=entry, reason=reason, request=request
    )
    return remark.percent

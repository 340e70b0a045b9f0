"""A person's case reports for their data export and erasure (decision 1002), through
``cases.api``.

Erasure keeps the numbers grader agreement and pass rates need (marks, levels, percentages,
decisions) and removes the free text: the report's fields, its attachments (rows and files in
storage), and the feedback and comments the person wrote as a grader or that were written on
their reports.
"""

from __future__ import annotations

from django.db.models import Q

from cases.models import CaseAttachment, CaseMark, CaseMarkScore, CaseSubmission
from lms.private_files import delete_with_files

REPORT_TEXT_FIELDS = (
    "problem_statement",
    "classification",
    "scope",
    "information_collected",
    "fishbone",
    "five_whys",
    "root_cause",
    "solutions",
    "implementation_plan",
    "verification",
    "customer_satisfaction",
    "lessons_learned",
)
REPORT_FIELDS = (
    "id",
    "case__slug",
    "case__title",
    "number",
    "status",
    *REPORT_TEXT_FIELDS,
    "created_at",
    "submitted_at",
    "finalised_at",
    "final_percent",
    "passed",
)
MARK_FIELDS = (
    "submission_id",
    "kind",
    "status",
    "decision",
    "feedback",
    "points_earned",
    "points_possible",
    "percent",
    "passed",
    "submitted_at",
)


def export_rows(person) -> dict[str, list[dict]]:
    reports = CaseSubmission.objects.filter(learner=person).order_by("created_at", "pk")
    files = CaseAttachment.objects.filter(submission__learner=person).order_by("pk")
    marks = CaseMark.objects.filter(submission__learner=person, submitted_at__isnull=False)
    return {
        "case_reports": list(reports.values(*REPORT_FIELDS)),
        "case_report_files": [
            {
                "submission_id": row.submission_id,
                "name": row.name,
                "size": row.size,
                "file": export_path(row),
            }
            for row in files
        ],
        "case_marks": list(marks.order_by("submitted_at", "pk").values(*MARK_FIELDS)),
    }


def export_path(attachment: CaseAttachment) -> str:
    return f"files/case-reports/{attachment.submission_id}/{attachment.pk}-{attachment.name}"


def export_files(person) -> list[tuple[str, bytes]]:
    """(path in the zip, content) of every file attached to ``person``'s reports."""
    found = []
    for row in CaseAttachment.objects.filter(submission__learner=person).order_by("pk"):
        with row.file.open("rb") as handle:
            found.append((export_path(row), handle.read()))
    return found


def _cleared_report_values() -> dict:
    return {name: CaseSubmission._meta.get_field(name).get_default() for name in REPORT_TEXT_FIELDS}


def erase(person, *, dry_run: bool) -> dict[str, int]:
    reports = CaseSubmission.objects.filter(learner=person)
    attachments = CaseAttachment.objects.filter(submission__learner=person)
    feedback = CaseMark.objects.filter(Q(grader=person) | Q(submission__learner=person)).filter(
        ~Q(feedback="")
    )
    comments = CaseMarkScore.objects.filter(
        Q(mark__grader=person) | Q(mark__submission__learner=person)
    ).filter(~Q(comment=""))
    counts = {
        "cases.report_texts": reports.count(),
        "cases.attachments": attachments.count(),
        "cases.feedback": feedback.count(),
        "cases.criterion_comments": comments.count(),
    }
    if not dry_run:
        reports.update(**_cleared_report_values())
        delete_with_files(list(attachments))
        feedback.update(feedback="")
        comments.update(comment="")
    return counts


def clear_old_reports(*, before, dry_run: bool) -> int:
    """Retention: clear the text and files of reports created before ``before``; the marks
    stay. Returns how many reports were (or would be) cleared."""
    old = CaseSubmission.objects.filter(created_at__lt=before).exclude(problem_statement="")
    old_ids = list(old.values_list("pk", flat=True))
    with_files = CaseAttachment.objects.filter(submission__created_at__lt=before)
    ids = set(old_ids) | set(with_files.values_list("submission_id", flat=True))
    if not dry_run:
        CaseSubmission.objects.filter(pk__in=ids).update(**_cleared_report_values())
        delete_with_files(list(with_files))
    return len(ids)

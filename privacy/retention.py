"""Retention (decision 1002): what is older than its setting is anonymised or deleted.

- ``RETAIN_ATTEMPTS_DAYS``: essays and feedback of older attempts are cleared (scores stay).
- ``RETAIN_CASE_REPORTS_DAYS``: text and files of older case reports are removed (marks stay).
- ``RETAIN_ACCESS_LOG_DAYS``: older access-log entries are pruned (``audit.api.prune_access_log``).
- ``RETAIN_DEACTIVATED_PEOPLE_DAYS``: people deactivated longer ago are erased as
  ``erase_person`` does, with a system reason; one with an open appeal or a legal hold is kept
  and reported.
``None`` (the default of each) keeps that kind of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audit import api as audit_api
from cases import api as cases_api
from exams import api as exams_api
from privacy import erasure
from privacy.models import LegalHold

SYSTEM_REASON = "Retention: deactivated longer than RETAIN_DEACTIVATED_PEOPLE_DAYS"


@dataclass
class RetentionReport:
    dry_run: bool
    done: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)


def _cutoff(setting: str):
    days = getattr(settings, setting, None)
    return None if days is None else timezone.now() - timedelta(days=int(days))


def deactivated_since(person):
    """When ``person`` was deactivated: the audit entry, else their last sign-in or joining."""
    entry = (
        audit_api.Entry.objects.filter(action="people.deactivated", subject=person)
        .order_by("-at")
        .first()
    )
    if entry is not None:
        return entry.at
    return person.last_login or person.date_joined


def people_past_retention(before) -> list:
    people = (
        get_user_model().objects.filter(is_active=False).exclude(username__startswith="erased-")
    )
    held = set(LegalHold.objects.filter(lifted_at__isnull=True).values_list("person", flat=True))
    return [p for p in people if p.pk not in held and deactivated_since(p) < before]


def _erase_deactivated(before, report: RetentionReport) -> None:
    erased = 0
    for person in people_past_retention(before):
        try:
            erasure.erase_person(person, reason=SYSTEM_REASON, dry_run=report.dry_run)
        except erasure.ErasureRefused as refused:
            report.kept.append(f"{person.employee_id or person.pk}: {refused}")
        else:
            erased += 1
    report.done["people_erased"] = erased


def apply_retention(*, dry_run: bool = False) -> RetentionReport:
    report = RetentionReport(dry_run=dry_run)
    with transaction.atomic():
        before = _cutoff("RETAIN_ATTEMPTS_DAYS")
        if before is not None:
            report.done["attempt_answers_cleared"] = exams_api.clear_old_answers(
                before=before, dry_run=dry_run
            )
        before = _cutoff("RETAIN_CASE_REPORTS_DAYS")
        if before is not None:
            report.done["case_reports_cleared"] = cases_api.clear_old_reports(
                before=before, dry_run=dry_run
            )
        before = _cutoff("RETAIN_ACCESS_LOG_DAYS")
        if before is not None:
            report.done["access_log_entries_pruned"] = (
                audit_api.Entry.objects.filter(chain=audit_api.Chain.ACCESS, at__lt=before).count()
                if dry_run
                else audit_api.prune_access_log(older_than=before)
            )
        before = _cutoff("RETAIN_DEACTIVATED_PEOPLE_DAYS")
        if before is not None:
            _erase_deactivated(before, report)
        if not dry_run:
            audit_api.record("privacy.retention_applied", after={"done": report.done})
    return report

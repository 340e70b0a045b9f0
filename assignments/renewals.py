"""Recertification (decision 0805): a program's renewal window assigns the renewal path to the
holder of each valid certificate entering it, due the day the certificate expires; and the
certificate pages read "renewal due by …" from here through the ``certificate_renewals`` hook.

A renewal is an ordinary assignment to one person with ``renewal_of`` set to the certificate
(unique: never two for one certificate), so the to-do list, calendar and reminders treat it as
any other; ``send_reminders`` tells the holder (``assignment.assigned``) in the same run.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from assignments import notices, selectors
from assignments.models import Assignment, RenewalPolicy
from certificates import api as certificates
from notifications import api as notifications


def renewals_due(*, now: datetime) -> list[tuple[RenewalPolicy, certificates.HeldCertificate]]:
    """(policy, certificate) of each valid certificate inside its program's renewal window that
    has no renewal yet and is its holder's latest of the program; active holders only.
    4 queries."""
    policies = {p.program_id: p for p in RenewalPolicy.objects.select_related("program", "quiz")}
    today = timezone.localdate(now)
    expiring = certificates.expiring_certificates(
        windows={pk: p.window_days for pk, p in policies.items()}, today=today
    )
    if not expiring:
        return []
    renewed = set(
        Assignment.objects.filter(renewal_of_id__in=[c.id for c in expiring]).values_list(
            "renewal_of_id", flat=True
        )
    )
    holders = {c.holder_id for c in expiring}
    latest = certificates.valid_certificates(
        user_ids=holders, program_ids=set(policies), today=today
    )
    active = set(
        get_user_model().objects.filter(pk__in=holders, is_active=True).values_list("pk", flat=True)
    )
    return [
        (policies[c.program_id], c)
        for c in expiring
        if c.id not in renewed
        and c.holder_id in active
        and latest.get((c.holder_id, c.program_id), c).id == c.id
    ]


def renewal_of(policy: RenewalPolicy, certificate, *, now: datetime) -> Assignment:
    """The renewal assignment of ``certificate`` under ``policy``, not saved."""
    due = timezone.make_aware(datetime.combine(certificate.valid_until, time(23, 59, 59)))
    path = {"quiz": policy.quiz} if policy.path == RenewalPolicy.Path.EXAM else {}
    return Assignment(
        kind=Assignment.Kind.EXAM if path else Assignment.Kind.PROGRAM,
        program=None if path else policy.program,
        start_at=min(now, due - timedelta(minutes=1)),
        due_at=due,
        renewal_of_id=certificate.id,
        **path,
    )


def renewals_assign(*, now: datetime, dry_run: bool = False) -> list[notifications.Sent]:
    """Create the renewals due at ``now`` (their holders are told by the assignment reminders
    that follow in the same run). A dry run creates nothing and returns the "assigned" notices
    the renewals would bring, with the item ``assignment:new:certificate:<id>``."""
    due = renewals_due(now=now)
    if dry_run:
        planned = []
        for policy, certificate in due:
            assignment = renewal_of(policy, certificate, now=now)
            target = notices.targets([assignment])[None]
            planned.append(
                notifications.Notice(
                    recipient_id=certificate.holder_id,
                    event=notices.ASSIGNED,
                    item=f"assignment:new:certificate:{certificate.id}",
                    url=target.url,
                    **notices.titles(notices.ASSIGNED, "", target, assignment.due_at),
                )
            )
        return notifications.notify_many(notices=planned, dry_run=True)
    for policy, certificate in due:
        try:
            with transaction.atomic():
                assignment = renewal_of(policy, certificate, now=now)
                assignment.save()
                assignment.people.add(certificate.holder_id)
        except IntegrityError:  # a concurrent run made this renewal first
            continue
    return []


def renewal_due_dates(certificate_ids) -> dict[int, date]:
    """Certificate id → the due date of its renewal, for renewals not done yet (the
    ``certificate_renewals`` hook the certificate pages call). About 3 queries."""
    renewals = list(
        selectors.with_targets(
            Assignment.objects.filter(renewal_of_id__in=list(certificate_ids))
        ).prefetch_related("people")
    )
    if not renewals:
        return {}
    holders = {a.pk: next(iter(a.people.all()), None) for a in renewals}
    progress = selectors.statuses(renewals, {p.pk for p in holders.values() if p})
    return {
        a.renewal_of_id: timezone.localdate(a.due_at)
        for a in renewals
        if holders[a.pk] and not progress[(a.pk, holders[a.pk].pk)].done
    }

"""Writing the audit trail (decision 1000): one function per kind of entry, nothing else writes."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import actions
from audit.chain import content_hash, plain
from audit.models import Chain, Entry, Head
from lms import request_id
from lms.client_ip import client_ip


class ReasonRequired(ValueError):
    """The action needs a reason and none was given."""


def record(
    action: str,
    *,
    actor=None,
    obj=None,
    subject=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    request=None,
) -> Entry:
    """Write one decision entry, inside the caller's transaction (it commits with the decision or
    not at all). ``actor`` made the decision (``None``: the system, a command or a task);
    ``subject`` is the person it is about; ``before``/``after`` summarise the change with plain
    values, never a person's name. ``request`` gives the address and the request id.

    Also written to Wagtail's history of ``obj`` (a page, a snippet, a user…), which its
    history views and site history report show.
    """
    definition = actions.get(action)
    reason = (reason or "").strip()
    if definition.needs_reason and not reason:
        raise ReasonRequired(_("A reason is required for this action."))
    entry = _append(
        Chain.DECISION,
        action=action,
        actor=actor,
        obj=obj,
        subject=subject,
        before=before,
        after=after,
        reason=reason,
        request=request,
    )
    if obj is not None:
        _mirror_to_wagtail(entry, obj)
    return entry


def record_access(*, viewer, subject, obj, request=None) -> Entry | None:
    """Log staff reading another person's scorecard, report or answers (the access log).
    Reading one's own is not logged. ``subject`` is a user or a row naming one by ``id``."""
    if subject is None or viewer is None or viewer.pk == _person_id(subject):
        return None
    return _append(
        Chain.ACCESS,
        action="access.viewed",
        actor=viewer,
        obj=obj,
        subject=subject,
        request=request,
    )


def prune_access_log(*, older_than, actor=None) -> int:
    """Delete access-log entries written before ``older_than``, oldest first, and record the
    pruning in the decision log (so the access log still verifies). Returns how many went."""
    with transaction.atomic():
        _lock(Chain.ACCESS)
        doomed = Entry.objects.filter(chain=Chain.ACCESS, at__lt=older_than).order_by("-sequence")
        last = doomed.first()
        if last is None:
            return 0
        count, _ = Entry.objects.filter(chain=Chain.ACCESS, sequence__lte=last.sequence).delete()
        record(
            "audit.access_log_pruned",
            actor=actor,
            after={"last_sequence": last.sequence, "last_hash": last.hash, "removed": count},
        )
    return count


def _lock(chain: str) -> Head:
    """Take the chain's write lock and return its head. The UPDATE (which changes nothing) comes
    first: on PostgreSQL it locks the row, on SQLite it takes the database's write lock, before
    anything is read."""
    if not Head.objects.filter(chain=chain).update(sequence=F("sequence")):
        try:
            with transaction.atomic():
                Head.objects.create(chain=chain)
        except IntegrityError:
            pass  # another writer made it first
        Head.objects.filter(chain=chain).update(sequence=F("sequence"))
    return Head.objects.get(chain=chain)


def _person_id(person) -> int | None:
    """The account id of ``person``: a user, or a row that names one by ``id`` (a scorecard's
    ``Engineer``)."""
    if person is None:
        return None
    return getattr(person, "pk", None) or person.id


def _append(
    chain, *, action, actor, obj, subject, before=None, after=None, reason="", request=None
):
    # No savepoint of its own: an entry that fails to write fails the caller's decision.
    with transaction.atomic(savepoint=False):
        head = _lock(chain)
        entry = Entry(
            chain=chain,
            sequence=head.sequence + 1,
            at=timezone.now(),
            actor=_real(actor),
            address=client_ip(request) if request is not None else None,
            request_id=request_id.current.get() if request is not None else "",
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            subject_id=_person_id(subject),
            before=plain(before),
            after=plain(after),
            reason=reason,
            previous_hash=head.last_hash,
        )
        if entry.request_id == "-":
            entry.request_id = ""
        entry.hash = content_hash(entry)
        entry.save(force_insert=True)
        Head.objects.filter(chain=chain).update(sequence=entry.sequence, last_hash=entry.hash)
    return entry


def _real(user):
    """A signed-in user, or None for the anonymous user and the system."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "_wrapped", user)


def _mirror_to_wagtail(entry: Entry, obj) -> None:
    from wagtail.log_actions import log

    log(
        instance=obj,
        action=entry.action,
        user=entry.actor,
        data={"audit_entry": entry.sequence, "reason": entry.reason},
        content_changed=entry.action != "access.viewed",
    )

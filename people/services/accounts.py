"""Deactivating and reactivating accounts in People administration (decision 0707).

A deactivated person cannot sign in (Django refuses inactive accounts, and their open sessions
end at the next request) and keeps every record: progress, results, scorecards and
certificates, which keep verifying. Each change is one entry in Wagtail's audit log.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from audit import api as trail
from people import audit


class AccountError(Exception):
    """An action an administrator may not take; the message says why."""


def account_deactivate(*, person, by, request=None) -> None:
    """Deactivate ``person``; never oneself nor a superuser (the administrators would lock
    themselves out)."""
    if person.pk == by.pk:
        raise AccountError(_("You cannot deactivate your own account."))
    if person.is_superuser:
        raise AccountError(_("A superuser cannot be deactivated here."))
    if not person.is_active:
        raise AccountError(_("%(name)s is already deactivated.") % {"name": person})
    with transaction.atomic():
        person.is_active = False
        person.save(update_fields=["is_active"])
        log(instance=person, action=audit.DEACTIVATE, user=by, content_changed=True)
        # The audit entry is about the person; Wagtail's history has the entry above.
        trail.record(
            "people.deactivated",
            actor=by,
            subject=person,
            before={"is_active": True},
            after={"is_active": False},
            request=request,
        )


def account_reactivate(*, person, by) -> None:
    """Let ``person`` sign in again. Someone the roster says has left can be reactivated too
    (a rehire before HR's file says so); the next roster that lists them as left deactivates
    them again."""
    if person.is_active:
        raise AccountError(_("%(name)s is already active.") % {"name": person})
    with transaction.atomic():
        person.is_active = True
        person.save(update_fields=["is_active"])
        log(instance=person, action=audit.REACTIVATE, user=by, content_changed=True)

"""Invitations: an email with a link to set a first password, expiring and single-use.

People imported from the roster have no password (decision 0700). An administrator invites
them from the People screen in ``/cms/`` or with ``python manage.py invite_people``; the link
opens ``/accounts/invitation/<uid>/<token>/`` (``people.views.invitation``).

The token is Django's password-reset token made with a key of its own
(``InvitationTokenGenerator.key_salt``), so a password-reset link is no invitation and the
other way round, and with its own lifetime, ``PEOPLE_INVITATION_DAYS`` (7 days by default). It
hashes the account's password and last sign-in: once the password is set (or the person signs
in another way), every invitation sent before stops working. Each invitation sent is an entry
in the audit log; the People screen reads the invitation's state from there (decision 0707).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage, get_connection
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.module_loading import import_string
from wagtail.log_actions import log

from people import audit

logger = logging.getLogger(__name__)
VALID, EXPIRED, INVALID = "valid", "expired", "invalid"
# The People screen's bulk invitations are sent by the background worker (people.tasks), a
# chunk at a time: each chunk over one mail connection, with its audit entries.
SEND_TASK = "people.tasks.send_invitations"
CHUNK = 200


def invitation_lifetime() -> timedelta:
    return timedelta(days=settings.PEOPLE_INVITATION_DAYS)


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Password-reset tokens with the invitation's own key and lifetime."""

    key_salt = "people.services.invitations.InvitationTokenGenerator"

    def check_token(self, user, token) -> bool:
        return self.token_state(user, token) == VALID

    def token_state(self, user, token: str) -> str:
        """``VALID``, ``EXPIRED`` (genuine, but older than the lifetime) or ``INVALID``
        (tampered with, for another account, or used: the password has been set since)."""
        if not (user and token):
            return INVALID
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return INVALID
        genuine = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not genuine:
            return INVALID
        age = self._num_seconds(self._now()) - timestamp
        return VALID if age <= invitation_lifetime().total_seconds() else EXPIRED


tokens = InvitationTokenGenerator()


def invitation_url(person) -> str:
    """The absolute link of a new invitation for ``person`` (``BASE_URL``)."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    path = reverse("people:invitation", args=[uid, tokens.make_token(person)])
    return settings.BASE_URL.rstrip("/") + path


def can_be_invited(person) -> bool:
    """Active people without a usable password; an email address is needed to send it."""
    return person.is_active and not person.has_usable_password()


@dataclass
class Sent:
    """What a sending did: who got an invitation, who has no email address, who was passed
    over (inactive, or with a password already), whom the mail server refused."""

    sent: list = field(default_factory=list)
    without_email: list = field(default_factory=list)
    passed_over: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def invitations_send(*, people, by=None, dry_run: bool = False) -> Sent:
    """Email an invitation to each person who can be invited and has an email address, over
    one mail connection, in each person's language; one audit entry each (in bulk).

    People without an email address are listed in ``without_email``, never skipped silently;
    those the mail server refused in ``failed`` (with no audit entry: nothing was sent).
    ``by`` is the administrator (None: the command)."""
    result = Sent()
    for person in people:
        if not can_be_invited(person):
            result.passed_over.append(person)
        elif not person.email:
            result.without_email.append(person)
        else:
            result.sent.append(person)
    if not dry_run and result.sent:
        result.sent, result.failed = _send(result.sent)
        entries = [(p, audit.INVITATION_SENT, {"email": p.email}) for p in result.sent]
        audit.log_many(entries, by=by)
    return result


def named(people: list, *, at_most: int) -> str:
    """``people`` as a message names them: "name (employee id)", the first ``at_most``."""
    shown = ", ".join(f"{p} ({p.employee_id or p.username})" for p in people[:at_most])
    return shown + (" …" if len(people) > at_most else "")


def invitations_queue(*, people, by) -> Sent:
    """Queue the invitations of ``people`` for the background worker (the People screen's
    bulk invitation: a few thousand emails outlast a request). Sorts them as
    ``invitations_send`` does; ``sent`` lists the people queued. When the worker is done it
    tells ``by`` in their inbox (``people.notices``)."""
    result = invitations_send(people=people, dry_run=True)
    if result.sent:
        import_string(SEND_TASK).enqueue(user_ids=[p.pk for p in result.sent], by_id=by.pk)
    return result


def invitations_send_chunked(*, user_ids: list[int], by=None) -> Sent:
    """The worker's part of ``invitations_queue``: ``invitations_send`` a chunk at a time, so a
    worker stopped half way has recorded every invitation that went. Each person is read
    again: one who set a password meanwhile is passed over."""
    total = Sent()
    people = get_user_model().objects.order_by("username")
    for start in range(0, len(user_ids), CHUNK):
        part = invitations_send(people=people.filter(pk__in=user_ids[start : start + CHUNK]), by=by)
        for name in ("sent", "without_email", "passed_over", "failed"):
            getattr(total, name).extend(getattr(part, name))
    return total


def _send(people: list) -> tuple[list, list]:
    """Send each invitation over one connection; returns (sent, refused by the mail server)."""
    sent, failed = [], []
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        logger.exception("The mail server could not be reached for invitations")
        return [], list(people)
    try:
        for person in people:
            try:
                connection.send_messages([_message(person)])
            except (smtplib.SMTPException, OSError):
                logger.exception("Invitation to %s refused by the mail server", person.email)
                failed.append(person)
            else:
                sent.append(person)
    finally:
        connection.close()
    return sent, failed


def _message(person) -> EmailMessage:
    context = {
        "person": person,
        "url": invitation_url(person),
        "days": settings.PEOPLE_INVITATION_DAYS,
        "login_url": settings.BASE_URL.rstrip("/") + resolve_url(settings.LOGIN_URL),
    }
    with translation.override(person.preferred_language()):
        return EmailMessage(
            subject=render_to_string("people/email/invitation_subject.txt", context).strip(),
            body=render_to_string("people/email/invitation.txt", context),
            to=[person.email],
        )


def invitation_accept(*, person, form) -> None:
    """Save the password chosen on the invitation's page (a valid ``SetPasswordForm``)."""
    form.save()
    log(instance=person, action=audit.INVITATION_ACCEPTED, user=person, content_changed=True)


@dataclass(frozen=True)
class InvitationState:
    """What the People screen shows about a person's invitation."""

    code: str  # "password", "no_email", "not_invited", "pending", "expired"
    sent_at: datetime | None = None
    expires_at: datetime | None = None


def invitation_state(person, sent_at: datetime | None, *, now=None) -> InvitationState:
    """From the person and the time of their last invitation (the audit log's)."""
    if person.has_usable_password():
        return InvitationState("password", sent_at)
    if not person.email:
        return InvitationState("no_email", sent_at)
    if sent_at is None:
        return InvitationState("not_invited")
    expires = sent_at + invitation_lifetime()
    code = "pending" if expires > (now or timezone.now()) else "expired"
    return InvitationState(code, sent_at, expires)

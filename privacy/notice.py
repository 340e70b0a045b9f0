"""The privacy notice: which version is current, who still has to acknowledge it (decision 1002).

The check happens when a person signs in (Django's ``user_logged_in`` signal, sent by every
sign-in path: the password form, LDAP, OpenID Connect and WeCom sign-on, the invitation's
set-password page). When the current published version is not acknowledged yet, the version is
written into the session and ``PrivacyNoticeMiddleware`` sends every page to the notice until
the person acknowledges it. Pages cost nothing extra: the middleware reads only the session.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from privacy.models import NoticeAcknowledgement, PrivacyNotice

SESSION_KEY = "privacy_notice_due"


def current_notice() -> PrivacyNotice | None:
    """The latest published version, or None when no notice is published."""
    return PrivacyNotice.objects.filter(published_at__isnull=False).order_by("-version").first()


def acknowledgement(user, notice: PrivacyNotice) -> NoticeAcknowledgement | None:
    return NoticeAcknowledgement.objects.filter(user=user, notice=notice).first()


def due_notice(user) -> PrivacyNotice | None:
    """The current notice when ``user`` has not acknowledged it yet."""
    notice = current_notice()
    if notice is None or acknowledgement(user, notice) is not None:
        return None
    return notice


def acknowledge(user, notice: PrivacyNotice) -> NoticeAcknowledgement:
    """Keep that ``user`` acknowledged ``notice`` now (once; a second call changes nothing)."""
    try:
        with transaction.atomic():
            return NoticeAcknowledgement.objects.create(
                user=user, notice=notice, acknowledged_at=timezone.now()
            )
    except IntegrityError:
        return NoticeAcknowledgement.objects.get(user=user, notice=notice)


def on_sign_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: mark the session when the current notice awaits acknowledgement."""
    if request is None or not hasattr(request, "session"):
        return
    notice = due_notice(user)
    if notice is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = notice.version

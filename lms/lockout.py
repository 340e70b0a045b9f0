"""Sign-in lockouts: a limit for the account and another for the address (decision 0005).

django-axes records failed sign-ins, one row per account, address and browser holding a count
and the time of the latest failure, and refuses a sign-in while the client is locked. A row
counts for ``AXES_COOLOFF_TIME`` (15 minutes) after its latest failure.

- An **account** is locked when its failures, from every address, reach ``AXES_FAILURE_LIMIT``
  (5): someone trying one password per address gets no further than from a single address.
- An **address** is locked when the failures from it, for every account, reach
  ``LOGIN_ADDRESS_FAILURE_LIMIT`` (20): someone trying one common password on many accounts
  is stopped too, while a training room behind one address can still mistype now and then.

axes compares one count with one limit; ``LockoutHandler`` (``AXES_HANDLER``) gives it the
count that reaches ``AXES_FAILURE_LIMIT`` exactly when one of the two limits is reached. A
lock ends when the oldest failures have aged out and fewer than the limit remain
(``locked_until``); the lockout page (``lockout_response``, ``AXES_LOCKOUT_CALLABLE``) gives that
time, and administrators list and lift locks in the CMS (``lms.views.lockouts``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from wagtail.log_actions import log

logger = logging.getLogger(__name__)


def locked_until(
    failures: Iterable[tuple[datetime, int]], *, limit: int, cool_off: timedelta
) -> datetime | None:
    """When a lock ends, or None when there is no lock.

    ``failures`` are (time of the latest failure, number of failures) records; each is
    forgotten ``cool_off`` after its time. The lock ends when the oldest records have been
    forgotten and fewer than ``limit`` failures remain.
    """
    records = sorted(failures)
    remaining = sum(count for _time, count in records)
    if remaining < limit:
        return None
    for time, count in records:
        remaining -= count
        if remaining < limit:
            return time + cool_off
    return None  # pragma: no cover - the loop always returns once remaining reaches 0


def account_limit() -> int:
    return settings.AXES_FAILURE_LIMIT


def address_limit() -> int:
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT


def cool_off_minutes() -> int:
    return int(get_cool_off().total_seconds() // 60)


@dataclass(frozen=True)
class Lock:
    """Why a client may not sign in, and until when."""

    account: bool
    address: bool
    until: datetime | None


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with one limit for the account and another for the address."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The count axes compares with ``AXES_FAILURE_LIMIT`` (the account's limit).

        It is the account's failures, or the address's failures less the difference of the two
        limits, whichever is higher: it reaches the account's limit exactly when the account
        reaches its limit or the address reaches its own.
        """
        account, address = self._failure_counts(request, credentials)
        return max(account, address - (address_limit() - account_limit()))

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a successful sign-in, forget the account's failures from every address.

        The address's failures for other accounts stay: otherwise anyone with one real
        account could clear their address's count by signing in every nineteen guesses.
        """
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count

    def lock(self, request, credentials: dict | None = None) -> Lock:
        """What locks this request's account and address, and when the later lock ends."""
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        records = self._recent(request).filter(
            self._account_filter(username) | self._address_filter(address)
        )
        by_account, by_address = [], []
        for row_username, row_address, time, count in records.values_list(
            "username", "ip_address", "attempt_time", "failures_since_start"
        ):
            if username and row_username == username:
                by_account.append((time, count))
            if address and row_address == address:
                by_address.append((time, count))
        cool_off = get_cool_off(request)
        account_until = locked_until(by_account, limit=account_limit(), cool_off=cool_off)
        address_until = locked_until(by_address, limit=address_limit(), cool_off=cool_off)
        ends = [until for until in (account_until, address_until) if until]
        return Lock(
            account=account_until is not None,
            address=address_until is not None,
            until=max(ends) if ends else None,
        )

    def _failure_counts(self, request, credentials) -> tuple[int, int]:
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        totals = self._recent(request).aggregate(
            account=Sum("failures_since_start", filter=self._account_filter(username)),
            address=Sum("failures_since_start", filter=self._address_filter(address)),
        )
        return totals["account"] or 0, totals["address"] or 0

    @staticmethod
    def _recent(request):
        return AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

    @staticmethod
    def _account_filter(username) -> Q:
        # No username (an empty form never reaches authenticate) counts for no account.
        return Q(username=username) if username else Q(pk__in=[])

    @staticmethod
    def _address_filter(address) -> Q:
        return Q(ip_address=address) if address else Q(pk__in=[])


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (``AXES_LOCKOUT_CALLABLE``): what is locked and when to try again.

    Template ``registration/locked_out.html``; context: ``lock`` (a ``Lock``) and
    ``cool_off_minutes``.
    """
    AxesProxyHandler.update_request(request)
    lock = AxesProxyHandler.get_implementation().lock(request, credentials)
    return render(
        request,
        "registration/locked_out.html",
        {"lock": lock, "cool_off_minutes": cool_off_minutes()},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# --- For administrators ------------------------------------------------------------------------


@dataclass(frozen=True)
class CurrentLock:
    """An account or an address that is locked now, for the administrators' list."""

    kind: str  # "account" or "address", the ``kind`` of the unlock form
    value: str  # the username or the address
    failures: int
    others: int  # how many addresses failed for the account, or accounts from the address
    last_failure: datetime
    until: datetime


# An account's lock counts failures by username, an address's by address.
_FIELDS = {"account": "username", "address": "ip_address"}
_OTHER = {"account": "address", "address": "account"}


def _limit(kind: str) -> int:
    return account_limit() if kind == "account" else address_limit()


def current_lockouts(*, now: datetime | None = None) -> tuple[list[CurrentLock], list[CurrentLock]]:
    """The accounts and addresses locked now, each with when its lock ends (three queries)."""
    now = now or timezone.now()
    cool_off = get_cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)
    accounts = _over_limit(recent.exclude(username=""), "account")
    addresses = _over_limit(recent, "address")
    usernames = [row["username"] for row in accounts]
    ips = [row["ip_address"] for row in addresses]
    records_by_account, records_by_address = defaultdict(list), defaultdict(list)
    if usernames or ips:
        rows = recent.filter(Q(username__in=usernames) | Q(ip_address__in=ips)).values_list(
            "username", "ip_address", "attempt_time", "failures_since_start"
        )
        for username, address, time, count in rows:
            if username in usernames:
                records_by_account[username].append((time, count))
            if address in ips:
                records_by_address[address].append((time, count))
    return (
        _current_locks("account", accounts, records_by_account, cool_off),
        _current_locks("address", addresses, records_by_address, cool_off),
    )


def _over_limit(recent, kind: str) -> list[dict]:
    """The usernames or addresses (``kind``) with at least their limit of recent failures, with
    their failures, how many of the other kind failed with them, and the last failure."""
    field = _FIELDS[kind]
    return list(
        recent.exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(
            failures=Sum("failures_since_start"),
            others=Count(_FIELDS[_OTHER[kind]], distinct=True),
            last_failure=Max("attempt_time"),
        )
        .filter(failures__gte=_limit(kind))
        .order_by(field)
    )


def _current_locks(
    kind: str, rows: list[dict], records: dict[str, list], cool_off: timedelta
) -> list[CurrentLock]:
    """``rows`` of :func:`_over_limit` as locks; ``records`` holds each one's failure records."""
    field = _FIELDS[kind]
    return [
        CurrentLock(
            kind=kind,
            value=row[field],
            failures=row["failures"],
            others=row["others"],
            last_failure=row["last_failure"],
            until=locked_until(records[row[field]], limit=_limit(kind), cool_off=cool_off),
        )
        for row in rows
    ]


def unlock_account(*, username: str, by) -> int:
    """Lift an account's lock: forget its failures from every address (axes' own reset).

    Recorded in the user's history in the CMS when the account exists (a lock can hold an
    unknown name too). Returns how many failure records were forgotten.
    """
    forgotten = reset(username=username)
    user = get_user_model().objects.filter(username=username).first()
    if user is not None:
        log(instance=user, action="lms.unlock_sign_in", user=by, data={"records": forgotten})
    logger.warning("Sign-in unlocked for username=%r by %s", username, by.get_username())
    return forgotten


def unlock_address(*, address: str, by) -> int:
    """Lift an address's lock: forget every failure from it (axes' own reset).

    Returns how many failure records were forgotten.
    """
    forgotten = reset(ip=address)
    logger.warning("Sign-in unlocked for address %s by %s", address, by.get_username())
    return forgotten

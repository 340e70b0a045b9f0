"""A person's iCal feed of due dates at a secret URL (decision 0804).

The token in the URL is ``base64url(HMAC-SHA256(secret key, salt))``: 43 characters, never
stored. The database keeps the salt (random, new on every reset) and the token's SHA-256,
which finds the feed from a URL; the calendar page derives the token again to show the link.
Someone who reads the database cannot make a working URL without the site's secret key.
Rotating ``SECRET_KEY`` changes every token: the next visit of the calendar page stores the new
hash, and the old URL stops working, as sessions do.

Each assignment is one VEVENT at its due moment (DTSTART = DTEND, as Canvas's and Moodle's
feeds do; TRANSP TRANSPARENT, so it never blocks the person's free time) with a reminder one
day before while it is not done. The summary and description are in the person's language.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from icalendar import Alarm, Calendar, Event

from assignments.models import CalendarFeed
from assignments.personal import items_for
from assignments.selectors import DONE
from assignments.todo import STATE_LABELS, Item

TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
KEY_SALT = "assignments.calendar_feed"
PRODID = "-//Service Academy//Assignments//ZH"


def token_of(feed: CalendarFeed) -> str:
    digest = salted_hmac(KEY_SALT, feed.salt, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_salt() -> str:
    return secrets.token_urlsafe(32)


def feed_for(user) -> CalendarFeed:
    """The person's feed, made on first use; its hash renewed if the secret key changed."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        salt = _new_salt()
        try:
            with transaction.atomic():
                feed = CalendarFeed.objects.create(
                    user=user, salt=salt, token_hash=_hash(token_of(CalendarFeed(salt=salt)))
                )
        except IntegrityError:  # made by another request at the same moment
            feed = CalendarFeed.objects.get(user=user)
    expected = _hash(token_of(feed))
    if not hmac.compare_digest(expected, feed.token_hash):
        feed.token_hash = expected
        feed.save(update_fields=["token_hash"])
    return feed


def reset(user) -> CalendarFeed:
    """A new link for the person; the old one stops working at once."""
    feed = feed_for(user)
    feed.salt = _new_salt()
    feed.token_hash = _hash(token_of(feed))
    feed.created_at = timezone.now()
    feed.last_fetched_at = None
    feed.save(update_fields=["salt", "token_hash", "created_at", "last_fetched_at"])
    return feed


def feed_url(feed: CalendarFeed) -> str:
    """The feed's full address (``BASE_URL``)."""
    path = reverse("assignments:calendar_feed", kwargs={"token": token_of(feed)})
    return urljoin(settings.BASE_URL, path)


def find(token: str) -> CalendarFeed | None:
    """The feed of an active person whose token this is; None for anything else (malformed,
    unknown, reset, a deactivated person), alike. One query for a well-formed token."""
    if not TOKEN.fullmatch(token):
        return None
    expected = _hash(token)
    feed = CalendarFeed.objects.filter(token_hash=expected).select_related("user").first()
    if feed is None or not hmac.compare_digest(feed.token_hash, expected):
        return None
    return feed if feed.user.is_active else None


def ical(feed: CalendarFeed, *, now: datetime | None = None) -> bytes:
    """The person's assignments as an iCalendar file, in their language."""
    user = feed.user
    now = now or timezone.now()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", gettext("Service Academy: due dates"))
        cal.add("x-published-ttl", "PT6H")
        for item in items_for(user):
            cal.add_component(_event(item, user_id=user.pk, now=now))
    return cal.to_ical()


def _event(item: Item, *, user_id: int, now: datetime):
    url = urljoin(settings.BASE_URL, item.url) if item.url else ""
    event = Event()
    event.add("uid", f"assignment-{item.assignment_id}-{user_id}@service-academy")
    event.add("dtstamp", now)
    event.add("dtstart", item.due_at)
    event.add("dtend", item.due_at)
    event.add("transp", "TRANSPARENT")
    done = item.state == DONE
    summary = gettext("Done: %(title)s") if done else gettext("Due: %(title)s")
    event.add("summary", summary % {"title": item.title})
    lines = [f"{item.kind_label} · {STATE_LABELS[item.state]}"]
    if item.note:
        lines.append(item.note)
    if url:
        lines.append(url)
        event.add("url", url)
    event.add("description", "\n".join(lines))
    if not done:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary % {"title": item.title})
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
    return event

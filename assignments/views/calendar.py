"""The learner's calendar page, the reset of their feed link, and the feed itself
(decision 0804).

- ``calendar_month``: ``/assignments/calendar/?month=2026-12``, the month's due and start dates
  by day, and the person's feed link with how to add it. Template
  ``assignments/learner/calendar.html``.
- ``calendar_reset``: a confirmation page (GET) and the reset (POST). Template
  ``assignments/learner/calendar_reset.html``.
- ``calendar_feed``: ``/assignments/calendar/<token>.ics``, no session; anything but an active
  person's current token is the same bare 404, and an address that keeps missing gets 429.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from assignments import calendar, feed, todo
from assignments.models import CalendarFeed
from assignments.personal import items_for
from lms import roles
from lms.client_ip import client_ip


@login_required
@never_cache
def calendar_month(request):
    """One month of the person's assignments, and their feed link."""
    now = timezone.now()
    today = todo.local_day(now)
    error = None
    try:
        month = calendar.parse_month(request.GET.get("month"), today=today)
    except calendar.BadMonth:
        error = _("“%(value)s” is not a month. Write it as year and month, like %(example)s.") % {
            "value": request.GET["month"][:20],
            "example": today.strftime("%Y-%m"),
        }
        month = today.replace(day=1)
    entries = [todo.place(item, now=now) for item in items_for(request.user)]
    weeks = calendar.month_weeks(month, entries, today=today)
    subscription = feed.feed_for(request.user)
    return render(
        request,
        "assignments/learner/calendar.html",
        {
            "month": month,
            "error": error,
            "weeks": weeks,
            "days": [day for week in weeks for day in week if day.in_month and day.marks],
            "previous": calendar.shift(month, -1),
            "next": calendar.shift(month, 1),
            "this_month": today.replace(day=1),
            "feed": subscription,
            "feed_url": feed.feed_url(subscription),
            "webcal_url": "webcal://" + feed.feed_url(subscription).split("://", 1)[1],
            # The to-do list leads the learner dashboard; a manager or trainer with work of
            # their own has no such dashboard, and no dead link.
            "todo_url": reverse("dashboard_role", kwargs={"role": "learner"})
            if "learner" in roles.dashboards_for(request.user)
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_reset(request):
    """Ask, then make a new feed link; the old one stops working."""
    if request.method == "POST":
        feed.reset(request.user)
        messages.success(
            request,
            _(
                "Your calendar link is new: the old one no longer works. Add the new link "
                "to your calendar apps again."
            ),
        )
        return redirect("assignments:calendar")
    return render(request, "assignments/learner/calendar_reset.html", {})


def _missed_too_often(request) -> bool:
    limit, window = settings.CALENDAR_FEED_MISS_LIMIT, settings.CALENDAR_FEED_MISS_WINDOW
    return (cache.get(_miss_key(request, window)) or 0) >= limit


def _miss_key(request, window: int) -> str:
    address = client_ip(request) or "unknown"
    return f"ratelimit:calendar-feed:{address}:{int(time.time() // window)}"


def _count_miss(request) -> None:
    window = settings.CALENDAR_FEED_MISS_WINDOW
    key = _miss_key(request, window)
    if not cache.add(key, 1, timeout=window + 1):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 1)


@never_cache
def calendar_feed(request, token):
    """The person's assignments as ``text/calendar``; no session, no cookie."""
    if _missed_too_often(request):
        response = HttpResponse("Too many requests\n", status=429, content_type="text/plain")
        response["Retry-After"] = str(settings.CALENDAR_FEED_MISS_WINDOW)
        return response
    subscription = feed.find(token)
    if subscription is None:
        _count_miss(request)
        return HttpResponse("Not found\n", status=404, content_type="text/plain")
    CalendarFeed.objects.filter(pk=subscription.pk).update(last_fetched_at=timezone.now())
    response = HttpResponse(feed.ical(subscription), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="service-academy.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response

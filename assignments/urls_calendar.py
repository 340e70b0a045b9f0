"""The learner's calendar page, the reset of their feed link, and the feed (decision 0804)."""

from django.urls import path

from assignments.views import calendar

urlpatterns = [
    path("calendar/", calendar.calendar_month, name="calendar"),
    path("calendar/reset/", calendar.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]

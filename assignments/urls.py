"""The assignments app's pages, under /assignments/ (namespace ``assignments``). Each part of
the app keeps its paths in its own module, included here."""

from django.urls import include, path

app_name = "assignments"

urlpatterns: list = [
    path("", include("assignments.urls_staff")),
    path("", include("assignments.urls_calendar")),
]

"""The staff's assignment pages, under /assignments/manage/ (decision 0803)."""

from django.urls import path

from assignments.views import overrides, staff

urlpatterns = [
    path("manage/", staff.assignment_list, name="staff_list"),
    path("manage/new/", staff.assignment_new, name="staff_new"),
    path("manage/<int:pk>/", staff.assignment_detail, name="staff_detail"),
    path("manage/<int:pk>/edit/", staff.assignment_edit, name="staff_edit"),
    path("manage/<int:pk>/delete/", staff.assignment_delete, name="staff_delete"),
    path("manage/<int:pk>/export.csv", staff.assignment_export, name="staff_export"),
    path("manage/<int:pk>/overrides/", overrides.override_add, name="override_add"),
    path(
        "manage/<int:pk>/overrides/<int:override_id>/remove/",
        overrides.override_remove,
        name="override_remove",
    ),
]

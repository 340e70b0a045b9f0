from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("courses/", views.course_index, name="index"),
    path("courses/search/", views.search, name="search"),
    path("cohorts/<int:cohort_id>/", views.cohort_progress, name="cohort_progress"),
    path(
        "cohorts/<int:cohort_id>/export.<str:fmt>",
        views.cohort_export,
        name="cohort_export",
    ),
]

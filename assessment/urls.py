from django.urls import path, register_converter

from assessment.views import (
    cohort,
    metrics,
    metrics_api,
    peer,
    schemes,
    scorecards,
    supervisor,
)


class PeriodConverter:
    regex = r"\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2]))?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ProgramCodeConverter:
    regex = r"[A-Z0-9][A-Z0-9-]*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PeriodConverter, "period")
register_converter(ProgramCodeConverter, "program")

app_name = "assessment"

scorecard = "scorecards/<program:code>/<period:period>/<str:employee_id>/"
revision = scorecard + "r<int:revision>/"

urlpatterns = [
    # Scorecards and feedback reports (engineers see their own, assessors everyone's)
    path("scorecards/", scorecards.my_scorecards, name="my_scorecards"),
    path(scorecard, scorecards.scorecard_detail, name="scorecard"),
    path(scorecard + "finalise/", scorecards.scorecard_finalise, name="scorecard_finalise"),
    path(revision, scorecards.scorecard_revision, name="scorecard_revision"),
    path(revision + "feedback/", scorecards.feedback_report, name="feedback"),
    path(revision + "feedback.pdf", scorecards.feedback_pdf, name="feedback_pdf"),
    path(revision + "feedback/comments/", scorecards.feedback_comments, name="feedback_comments"),
    path(
        revision + "feedback/acknowledge/",
        scorecards.feedback_acknowledge,
        name="feedback_acknowledge",
    ),
    # Assessors: cohorts, schemes, metrics, peer and supervisor evaluation
    path("assessment/scorecards/", cohort.cohort, name="cohort"),
    path("assessment/scorecards/export.<str:fmt>", cohort.cohort_export, name="cohort_export"),
    path("assessment/schemes/<int:pk>/impact/", schemes.scheme_impact, name="scheme_impact"),
    path("assessment/schemes/<int:pk>/activate/", schemes.scheme_activate, name="scheme_activate"),
    path("assessment/metrics/", metrics.metric_list, name="metrics"),
    path("assessment/metrics/export.csv", metrics.metric_export, name="metrics_export"),
    path("assessment/metrics/upload/", metrics.metric_upload, name="metrics_upload"),
    path("assessment/metrics/imports/<int:pk>/", metrics.metric_import, name="metrics_import"),
    path("assessment/metrics/<int:pk>/history/", metrics.metric_history, name="metric_history"),
    path("assessment/peer/", peer.round_list, name="peer_rounds"),
    path("assessment/peer/new/", peer.round_new, name="peer_round_new"),
    path("assessment/peer/<int:pk>/", peer.round_detail, name="peer_round"),
    path("assessment/peer/<int:pk>/close/", peer.round_close, name="peer_round_close"),
    path("peer/", peer.my_ratings, name="my_peer"),
    path("peer/<int:pk>/", peer.rate, name="peer_rate"),
    path("assessment/supervisor/", supervisor.round_list, name="supervisor_rounds"),
    path("assessment/supervisor/new/", supervisor.round_new, name="supervisor_round_new"),
    path("assessment/supervisor/<int:pk>/", supervisor.round_detail, name="supervisor_round"),
    path(
        "assessment/supervisor/<int:pk>/close/",
        supervisor.round_close,
        name="supervisor_round_close",
    ),
    # Managers: the supervisor evaluation of their direct reports
    path("supervisor/", supervisor.my_reports, name="my_supervisor"),
    path("supervisor/<int:pk>/", supervisor.rate, name="supervisor_rate"),
    # Integrations
    path("api/v1/metrics/", metrics_api.metrics_api, name="metrics_api"),
]

from django.urls import path, register_converter

from certificates.views import (
    certificates,
    cohort,
    metrics,
    metrics_api,
    peer,
    schemes,
    scorecards,
    verify,
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

app_name = "certificates"

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
    # Assessors: cohorts, schemes, metrics and peer evaluation
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
    # Certificates: the holder's, the assessors', and public verification
    path("certificates/", certificates.my_certificates, name="my_certificates"),
    path(
        "certificates/<str:serial>.pdf",
        certificates.certificate_download,
        name="certificate_download",
    ),
    path("assessment/certificates/", certificates.certificate_list, name="certificate_list"),
    path("assessment/certificates/issue/", certificates.bulk_issue, name="bulk_issue"),
    path(
        "assessment/certificates/issue/<int:pk>/",
        certificates.bulk_issue_job,
        name="bulk_issue_job",
    ),
    path("assessment/certificates/merged.pdf", certificates.merged_pdf, name="merged_pdf"),
    path(
        "assessment/certificates/<str:serial>/",
        certificates.certificate_detail,
        name="certificate_detail",
    ),
    path(
        "assessment/certificates/<str:serial>/revoke/",
        certificates.certificate_revoke,
        name="certificate_revoke",
    ),
    path("verify/", verify.verify_paper, name="verify_paper"),
    path("verify/<str:code>.json", verify.verify_json, name="verify_json"),
    path("verify/<str:code>/", verify.verify, name="verify"),
    # Integrations
    path("api/v1/metrics/", metrics_api.metrics_api, name="metrics_api"),
]

from django.urls import path

from certificates.views import certificates, team, verify

app_name = "certificates"


urlpatterns = [
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
    # A manager's team (read only)
    path("team/", team.team, name="team"),
    path("team/<str:username>/", team.team_member, name="team_member"),
    path("verify/", verify.verify_paper, name="verify_paper"),
    path("verify/<str:code>.json", verify.verify_json, name="verify_json"),
    path("verify/<str:code>/", verify.verify, name="verify"),
]

from django.urls import path

from cases.views import grading, reports

app_name = "cases"

urlpatterns = [
    # Practice cases (learners)
    path("cases/", reports.case_list, name="case_list"),
    path("cases/<slug:slug>/", reports.case_detail, name="case_detail"),
    path("cases/<slug:slug>/report/", reports.report_edit, name="report_edit"),
    path("cases/<slug:slug>/report/autosave/", reports.report_autosave, name="report_autosave"),
    path("cases/<slug:slug>/revise/", reports.report_revise, name="report_revise"),
    path("cases/<slug:slug>/versions/<int:number>/", reports.case_version, name="case_version"),
    path("case-attachments/<int:pk>/", reports.attachment_download, name="case_attachment"),
    # Grading practice cases (trainers)
    path("grading/cases/", grading.grading_queue, name="grading_queue"),
    path("grading/cases/<int:pk>/", grading.grading_screen, name="grading_screen"),
    path("grading/agreement/", grading.grader_agreement, name="grader_agreement"),
]

from django.urls import path

from exams.views import cases, cases_grading

app_name = "exams"

urlpatterns = [
    # Practice cases (learners)
    path("cases/", cases.case_list, name="case_list"),
    path("cases/<slug:slug>/", cases.case_detail, name="case_detail"),
    path("cases/<slug:slug>/report/", cases.report_edit, name="report_edit"),
    path("cases/<slug:slug>/revise/", cases.report_revise, name="report_revise"),
    path("cases/<slug:slug>/versions/<int:number>/", cases.case_version, name="case_version"),
    path("case-attachments/<int:pk>/", cases.attachment_download, name="case_attachment"),
    # Grading practice cases (trainers)
    path("grading/cases/", cases_grading.grading_queue, name="grading_queue"),
    path("grading/cases/<int:pk>/", cases_grading.grading_screen, name="grading_screen"),
    path("grading/agreement/", cases_grading.grader_agreement, name="grader_agreement"),
]

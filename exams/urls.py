from django.urls import path

from exams.views import attempts, quizzes, staff

app_name = "exams"

urlpatterns = [
    # Quizzes and exams, for learners
    path("quizzes/", quizzes.quiz_list, name="quiz_list"),
    path("quizzes/<str:slug>/", quizzes.quiz_detail, name="quiz_detail"),
    path("quizzes/<str:slug>/start/", quizzes.quiz_start, name="quiz_start"),
    path("attempts/<int:pk>/", attempts.attempt_resume, name="attempt_resume"),
    path("attempts/<int:pk>/page/<int:page>/", attempts.attempt_page, name="attempt_page"),
    path("attempts/<int:pk>/autosave/", attempts.attempt_autosave, name="attempt_autosave"),
    path("attempts/<int:pk>/summary/", attempts.attempt_summary, name="attempt_summary"),
    path("attempts/<int:pk>/submit/", attempts.attempt_submit, name="attempt_submit"),
    path("attempts/<int:pk>/result/", attempts.attempt_result, name="attempt_result"),
    # Results, item analysis and marking, for trainers
    path("exams/manage/", staff.staff_quiz_list, name="staff_quiz_list"),
    path(
        "exams/manage/quizzes/<str:slug>/results/",
        staff.staff_quiz_results,
        name="staff_quiz_results",
    ),
    path(
        "exams/manage/quizzes/<str:slug>/analysis/",
        staff.staff_item_analysis,
        name="staff_item_analysis",
    ),
    path(
        "exams/manage/learners/<int:user_id>/",
        staff.staff_learner_results,
        name="staff_learner_results",
    ),
    path(
        "exams/manage/attempts/<int:pk>/",
        staff.staff_attempt_detail,
        name="staff_attempt_detail",
    ),
    path("exams/marking/", staff.marking_queue, name="marking_queue"),
    path("exams/marking/<int:pk>/", staff.marking_essay, name="marking_essay"),
]

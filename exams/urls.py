from django.urls import path

from exams.views import quiz, quiz_staff

app_name = "exams"

urlpatterns = [
    # Quizzes and exams, for learners
    path("quizzes/", quiz.quiz_list, name="quiz_list"),
    path("quizzes/<str:slug>/", quiz.quiz_detail, name="quiz_detail"),
    path("quizzes/<str:slug>/start/", quiz.quiz_start, name="quiz_start"),
    path("attempts/<int:pk>/", quiz.attempt_resume, name="attempt_resume"),
    path("attempts/<int:pk>/page/<int:page>/", quiz.attempt_page, name="attempt_page"),
    path("attempts/<int:pk>/autosave/", quiz.attempt_autosave, name="attempt_autosave"),
    path("attempts/<int:pk>/summary/", quiz.attempt_summary, name="attempt_summary"),
    path("attempts/<int:pk>/submit/", quiz.attempt_submit, name="attempt_submit"),
    path("attempts/<int:pk>/result/", quiz.attempt_result, name="attempt_result"),
    # Results, item analysis and marking, for trainers
    path("exams/manage/", quiz_staff.staff_quiz_list, name="staff_quiz_list"),
    path(
        "exams/manage/quizzes/<str:slug>/results/",
        quiz_staff.staff_quiz_results,
        name="staff_quiz_results",
    ),
    path(
        "exams/manage/quizzes/<str:slug>/analysis/",
        quiz_staff.staff_item_analysis,
        name="staff_item_analysis",
    ),
    path(
        "exams/manage/learners/<int:user_id>/",
        quiz_staff.staff_learner_results,
        name="staff_learner_results",
    ),
    path(
        "exams/manage/attempts/<int:pk>/",
        quiz_staff.staff_attempt_detail,
        name="staff_attempt_detail",
    ),
    path("exams/marking/", quiz_staff.marking_queue, name="marking_queue"),
    path("exams/marking/<int:pk>/", quiz_staff.marking_essay, name="marking_essay"),
]

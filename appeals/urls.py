from django.urls import path

from appeals.views import learner, staff

app_name = "appeals"

urlpatterns = [
    path("", learner.my_appeals, name="mine"),
    path("new/<str:kind>/<int:pk>/", learner.appeal_new, name="new"),
    path("<int:pk>/", learner.appeal_detail, name="detail"),
    path("files/<int:pk>/", learner.attachment_download, name="attachment"),
    path("queue/", staff.queue, name="queue"),
    path("queue/<int:pk>/", staff.manage, name="manage"),
    path("remark/<int:pk>/", staff.remark, name="remark"),
    path("report/", staff.appeals_report, name="report"),
]

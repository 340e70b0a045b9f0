from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/notice/", views.notice, name="notice"),
    path("account/", views.account, name="account"),
    path("account/my-data.zip", views.my_data, name="my_data"),
]

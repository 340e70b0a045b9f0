"""The invitation's page: ``/accounts/invitation/<uid>/<token>/`` (people.views.invitation)."""

from django.urls import path

from people.views import invitation

app_name = "people"

urlpatterns = [
    path("<uidb64>/<token>/", invitation.invitation_view, name="invitation"),
]

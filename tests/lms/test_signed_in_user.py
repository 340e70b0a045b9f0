"""The signed-in user is read on every request with SQL compiled once (``lms.models.
UserManager.get``, decision 0905): the same user as Django's query, and still read every time, so
that a deactivated account is signed out at its next request."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db
User = get_user_model()


def _fields(user) -> dict:
    return {k: v for k, v in vars(user).items() if k != "_state"}


def test_a_user_by_id_is_the_one_django_reads(learner, trainer):
    for person in (learner, trainer):
        expected = User._base_manager.filter(pk=person.pk).get()
        assert _fields(User.objects.get(pk=person.pk)) == _fields(expected)
    for missing in (0, 10**6, 2**70):
        with pytest.raises(User.DoesNotExist):
            User.objects.get(pk=missing)
    # Any other get is Django's.
    assert User.objects.get(username=learner.username) == learner
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=str(learner.pk), is_active=False)


def test_a_deactivated_account_is_signed_out_at_its_next_request(learner_client, learner):
    assert learner_client.get(reverse("exams:quiz_list")).status_code == 200
    User.objects.filter(pk=learner.pk).update(is_active=False)  # not through save()
    response = learner_client.get(reverse("exams:quiz_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

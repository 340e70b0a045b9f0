import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, LearnerFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


def test_login_takes_a_learner_to_the_learner_dashboard(client, learner):
    response = post_login(client, "learner", PASSWORD)
    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert response.request["PATH_INFO"] == "/dashboard/learner/"
    assert "王小明" in response.content.decode()


def test_wrong_password_and_unknown_user_read_the_same(client, learner):
    wrong_password = post_login(client, "learner", "not-the-password").content.decode()
    unknown_user = post_login(client, "nobody-here", "not-the-password").content.decode()
    message = "用户名或密码不正确"
    assert message in wrong_password
    assert message in unknown_user
    # The form keeps what the user typed.
    assert 'value="learner"' in wrong_password


def test_five_failures_lock_the_account_from_that_address_for_15_minutes(client, learner):
    for _ in range(4):
        assert post_login(client, "learner", "wrong").status_code == 200
    locked = post_login(client, "learner", "wrong")
    assert locked.status_code == 429
    assert "15 分钟" in locked.content.decode()
    # Even the right password is refused while locked.
    still_locked = post_login(client, "learner", PASSWORD)
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    LearnerFactory(username="colleague")
    assert post_login(client, "colleague", PASSWORD).status_code == 302


def test_logout_requires_post_and_ends_the_session(learner_client):
    response = learner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert learner_client.get("/").status_code == 302


def test_password_change(learner_client, learner):
    response = learner_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-secret-42",
            "new_password2": "a-brand-new-secret-42",
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("a-brand-new-secret-42")


def test_password_reset_sends_a_working_link(client, learner):
    response = client.post(reverse("password_reset"), {"email": learner.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.request["PATH_INFO"],
        {"new_password1": "reset-secret-2026", "new_password2": "reset-secret-2026"},
    )
    assert done.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("reset-secret-2026")


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client, learner):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)
    assert response.status_code == 200
    assert mail.outbox == []


def test_empty_employee_ids_do_not_collide(db):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    User.objects.create_user("staff1", employee_id="")
    User.objects.create_user("staff2", employee_id="")
    assert User.objects.filter(employee_id__isnull=True).count() == 2

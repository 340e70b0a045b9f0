import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_administrator_creates_an_engineer_with_profile_fields_in_the_cms(client, administrator):
    client.force_login(administrator)
    form = client.get("/cms/users/new/")
    assert form.status_code == 200
    assert 'name="employee_id"' in form.content.decode()
    learners = Group.objects.get(name="Learner")
    response = client.post(
        "/cms/users/new/",
        {
            "username": "newhire",
            "email": "newhire@example.com",
            "first_name": "",
            "last_name": "",
            "display_name": "赵新",
            "employee_id": "E2001",
            "department": "售后服务部",
            "region": "华东·南京",
            "hire_date": "2026-11-02",
            "password1": "a-long-new-password-1",
            "password2": "a-long-new-password-1",
            "groups": [learners.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="newhire")
    assert (user.employee_id, user.display_name, str(user.hire_date)) == (
        "E2001",
        "赵新",
        "2026-11-02",
    )
    assert user.groups.filter(name="Learner").exists()


def test_duplicate_employee_id_is_refused_on_the_field(client, administrator, learner):
    client.force_login(administrator)
    response = client.post(
        "/cms/users/new/",
        {
            "username": "copycat",
            "email": "copycat@example.com",
            "display_name": "重复",
            "employee_id": learner.employee_id,
            "password1": "a-long-new-password-1",
            "password2": "a-long-new-password-1",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="copycat").exists()
    assert 'value="copycat"' in response.content.decode()


def test_learners_cannot_open_the_cms(learner_client):
    response = learner_client.get("/cms/")
    assert response.status_code in (302, 403)
    assert learner_client.get("/cms/users/").status_code in (302, 403)


def test_trainers_cannot_manage_users(trainer_client):
    response = trainer_client.get("/cms/users/new/")
    assert response.status_code in (302, 403)

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext

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


# --- The Chinese admin speaks Chinese (issue 14) --------------------------------------------


def _cms_in_chinese(client, administrator, path):
    client.force_login(administrator)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'lang="zh-hans"' in html, "the admin is not in Chinese"
    return html


def test_the_user_list_shows_active_as_yes_or_no_not_true(client, administrator, learner):
    learner.is_active = False
    learner.save()
    html = _cms_in_chinese(client, administrator, "/cms/users/")
    cells = re.findall(r'<span class="w-sr-only">\s*(\S+)\s*</span>', html)
    assert "True" not in cells and "False" not in cells
    assert {"是", "否"} <= set(cells)


def test_groups_are_shown_by_their_chinese_label_in_the_chinese_admin(client, administrator):
    from courses.setup import LEAD_TRAINER

    lead_trainer = translated("zh-hans", "Lead trainer")  # 组长培训师 once in the catalog
    group_list = _cms_in_chinese(client, administrator, "/cms/groups/")
    user_filter = _cms_in_chinese(client, administrator, "/cms/users/")
    user_form = _cms_in_chinese(client, administrator, "/cms/users/new/")
    for html in (group_list, user_filter, user_form):
        for label in ("学员", "培训师", "考核负责人", "管理员", lead_trainer):
            assert label in html
        for name in ("Learner", "Trainer", "Assessor", "Administrator"):
            assert f">{name}<" not in re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html)), name
    # The names stay the keys the code looks groups up by.
    assert Group.objects.filter(name=LEAD_TRAINER).exists()
    assert Group.objects.filter(name="Learner").exists()


def translated(language, message):
    with translation.override(language):
        return gettext(message)

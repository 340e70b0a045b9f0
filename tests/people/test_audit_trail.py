"""Roles, groups and deactivation in the audit trail (decision 1000): through Wagtail's own
Users screen, people administration and the HR roster import."""

import pytest
from django.contrib.auth.models import Group

from audit.models import Entry
from people.services.roster import roster_import
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROSTER = (
    "工号,姓名,部门,岗位,主管工号,邮箱,状态,角色\n"
    "E1,钱志远,售后服务部,总监,,e1@example.com,在职,主管\n"
    "E4,张工,售后服务部/华东大区/上海站,工程师,E1,zhang@example.com,在职,学员\n"
)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_groups_changed_in_wagtails_users_screen_are_recorded(admin_client, administrator):
    learners, trainers = Group.objects.get(name="Learner"), Group.objects.get(name="Trainer")
    person = UserFactory(username="engineer", display_name="赵新", employee_id="E2001")
    person.groups.add(learners)  # setup outside a request: not recorded
    assert not Entry.objects.filter(action__startswith="people.").exists()
    data = {"username": "engineer", "email": "e@example.com", "display_name": "赵新"}
    data |= {"employee_id": "E2001", "groups": [learners.pk, trainers.pk], "is_active": "on"}
    response = admin_client.post(f"/cms/users/edit/{person.pk}/", data, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = Entry.objects.get(action="people.roles_changed")
    assert (entry.actor, entry.subject, entry.address) == (administrator, person, "10.9.8.7")
    assert entry.before == {"groups": ["Learner"]}
    assert entry.after == {"groups": ["Learner", "Trainer"]}


def test_a_non_role_group_is_a_group_change(admin_client, administrator):
    person = UserFactory(username="engineer")
    auditors = Group.objects.create(name="质量审核组")
    data = {"username": "engineer", "email": "e@example.com", "display_name": "工程师"}
    data |= {"groups": [auditors.pk], "is_active": "on"}
    admin_client.post(f"/cms/users/edit/{person.pk}/", data)
    entry = Entry.objects.get(action="people.groups_changed")
    assert entry.after == {"groups": ["质量审核组"]} and entry.actor == administrator


def test_deactivating_in_people_administration_is_recorded(admin_client, administrator):
    person = UserFactory(username="engineer")
    admin_client.post(f"/cms/people/{person.pk}/deactivate/", REMOTE_ADDR="10.1.1.1")
    entry = Entry.objects.get(action="people.deactivated")
    assert (entry.actor, entry.subject, entry.address) == (administrator, person, "10.1.1.1")
    assert entry.before == {"is_active": True} and entry.after == {"is_active": False}


def test_the_roster_records_deactivations_and_role_changes_of_existing_people(administrator):
    roster_import(data=ROSTER.encode(), filename="roster.csv")
    assert not Entry.objects.filter(action__startswith="people.").exists()  # new people
    promoted = ROSTER.replace(
        "工程师,E1,zhang@example.com,在职,学员", "工程师,E1,z@example.com,在职,学员、培训师"
    )
    gone = "\n".join(promoted.splitlines()[:1] + promoted.splitlines()[2:]) + "\n"
    roster_import(
        data=gone.encode(), filename="roster.csv", deactivate_missing=True, by=administrator
    )
    deactivated = Entry.objects.get(action="people.deactivated")
    assert deactivated.subject.employee_id == "E1" and deactivated.actor == administrator
    roles = Entry.objects.get(action="people.roles_changed")
    assert roles.subject.employee_id == "E4"
    assert roles.before == {"groups": ["Learner"]}
    assert roles.after == {"groups": ["Learner", "Trainer"]}

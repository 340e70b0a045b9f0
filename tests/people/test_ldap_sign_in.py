"""Sign-in through LDAP (people.backends, decision 0706), against the real slapd that
tests/ldap_server.py starts, through the real /accounts/login/ page."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from people.services.roster import roster_import
from tests.factories import PASSWORD, AdministratorFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory_sign_in")]
User = get_user_model()
LOGIN = "/accounts/login/"
ROSTER = (
    "工号,姓名,部门,状态\n"
    "E7001,张伟,售后服务部/华东大区/上海站,在职\n"
    "E7003,李锁,售后服务部/华东大区/上海站,在职\n"
    "E7005,刘洋,售后服务部/华东大区/上海站,离职\n"
)
WRONG = "The username or password is not correct."


@pytest.fixture
def roster(db):
    """The people the HR roster imported (no passwords: they sign on through the directory)."""
    roster_import(data=ROSTER.encode(), filename="roster.csv")
    return {user.employee_id: user for user in User.objects.exclude(employee_id=None)}


@pytest.fixture
def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sign_in(client, username, password, address="10.1.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def refusal(response) -> str:
    assert response.status_code == 200, response.status_code
    assert "_auth_user_id" not in response.wsgi_request.session
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1, errors
    return errors[0]


# --- People of the roster ---------------------------------------------------------------------


def test_a_roster_person_signs_in_with_the_directory_password(english, roster):
    people = User.objects.count()
    response = sign_in(english, "zhang.wei", "Directory-Pass-1")
    assert response.status_code == 302
    # The person the roster imported (username E7001), found by employee id: nobody is created.
    assert signed_in_user(english) == roster["E7001"]
    assert User.objects.count() == people
    assert english.get("/").status_code in (200, 302)
    assert english.get(response.url, follow=True).status_code == 200


def test_the_password_is_case_sensitive_and_the_directory_name_is_not(english, roster):
    assert WRONG in refusal(sign_in(english, "zhang.wei", "directory-pass-1"))
    assert sign_in(english, "Zhang.Wei", "Directory-Pass-1").status_code == 302
    assert signed_in_user(english) == roster["E7001"]


def test_a_wrong_directory_password_counts_towards_the_lockout(english, roster):
    for n in range(1, 5):
        assert WRONG in refusal(sign_in(english, "zhang.wei", "wrong", f"10.1.0.{n}"))
    assert sign_in(english, "zhang.wei", "wrong", "10.1.0.5").status_code == 429
    # Locked: even the right directory password is refused now.
    locked = sign_in(english, "zhang.wei", "Directory-Pass-1", "10.1.0.6")
    assert locked.status_code == 429
    assert "_auth_user_id" not in english.session


def test_an_account_disabled_in_the_directory_is_refused(english, roster):
    message = refusal(sign_in(english, "li.suo", "Directory-Pass-3"))
    assert message == (
        "Your company account is disabled in the directory. Ask your IT department to enable it."
    )


def test_the_disabled_rule_is_the_setting(settings, english, roster):
    """The test directory's server accepts a locked account's password (no ppolicy overlay):
    LDAP_DISABLED_FILTER is what refuses it."""
    settings.LDAP_DISABLED_FILTER = ""
    assert sign_in(english, "li.suo", "Directory-Pass-3").status_code == 302
    assert signed_in_user(english) == roster["E7003"]


def test_a_person_deactivated_here_is_refused(english, roster):
    assert roster["E7005"].is_active is False  # 离职 in the roster
    message = refusal(sign_in(english, "liu.yang", "Directory-Pass-5"))
    assert message.startswith("Your account here has been deactivated.")


def test_a_session_ends_when_the_person_is_deactivated(english, roster):
    assert sign_in(english, "zhang.wei", "Directory-Pass-1").status_code == 302
    assert english.get("/dashboard/learner/").status_code == 200
    User.objects.filter(employee_id="E7001").update(is_active=False)
    response = english.get("/dashboard/learner/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_refusals_count_towards_the_lockout(english, roster):
    for _ in range(4):
        refusal(sign_in(english, "li.suo", "Directory-Pass-3"))
    assert sign_in(english, "li.suo", "Directory-Pass-3").status_code == 429


# --- People the roster does not know -----------------------------------------------------------


def test_an_unknown_person_is_refused_and_nobody_is_created(english, roster):
    people = User.objects.count()
    message = refusal(sign_in(english, "wang.fang", "Directory-Pass-2"))
    assert message == (
        "Your company account is not registered here. Ask your training administrator to add "
        "you to the roster."
    )
    assert User.objects.count() == people


def test_an_entry_without_employee_id_is_never_matched_by_username_or_email(english):
    # A local account with the same username and email as the directory entry.
    local = UserFactory(username="no.id", email="no.id@example.com")
    message = refusal(sign_in(english, "no.id", "Directory-Pass-6"))
    assert message.startswith("Your company account has no employee ID in the directory")
    assert User.objects.get(pk=local.pk).last_login is None


def test_with_automatic_creation_an_unknown_person_becomes_a_learner_in_their_unit(
    settings, english, roster
):
    settings.LDAP_CREATE_USERS = True
    assert sign_in(english, "wang.fang", "Directory-Pass-2").status_code == 302
    person = signed_in_user(english)
    assert (person.username, person.employee_id) == ("E7002", "E7002")
    assert (person.display_name, person.email) == ("王芳", "wang.fang@example.com")
    assert [group.name for group in person.groups.all()] == ["Learner"]
    assert not person.has_usable_password()
    unit = person.placement.unit
    assert unit.path == "售后服务部/华北大区/北京站"
    assert unit.parent.path == "售后服务部/华北大区"
    assert unit.parent.parent == roster["E7001"].placement.unit.parent.parent  # 售后服务部
    # The second sign-in finds the same person.
    english.logout()
    assert sign_in(english, "wang.fang", "Directory-Pass-2").status_code == 302
    assert signed_in_user(english) == person
    assert User.objects.filter(employee_id="E7002").count() == 1


def test_automatic_creation_needs_the_unit_attribute(settings, english):
    settings.LDAP_CREATE_USERS = True
    message = refusal(sign_in(english, "no.unit", "Directory-Pass-7"))
    assert message.startswith("Your company account names no department")
    assert not User.objects.filter(employee_id="E7007").exists()


def test_automatic_creation_does_not_take_over_an_account_of_that_name(settings, english):
    settings.LDAP_CREATE_USERS = True
    UserFactory(username="E7002", employee_id=None)
    message = refusal(sign_in(english, "wang.fang", "Directory-Pass-2"))
    assert message.startswith("An account with your employee ID as its name already exists")


# --- Local passwords ---------------------------------------------------------------------------


def test_local_passwords_keep_working(english, roster):
    admin = AdministratorFactory(username="admin")
    assert sign_in(english, "admin", PASSWORD).status_code == 302
    assert signed_in_user(english) == admin
    english.logout()
    person = roster["E7001"]
    person.set_password("local-pass-1")
    person.save()
    assert sign_in(english, "E7001", "local-pass-1").status_code == 302


def test_without_local_passwords_roster_people_use_the_directory(settings, english, roster):
    settings.LDAP_LOCAL_PASSWORDS = False
    person = roster["E7001"]
    person.set_password("local-pass-1")
    person.save()
    assert WRONG in refusal(sign_in(english, "E7001", "local-pass-1"))
    assert sign_in(english, "zhang.wei", "Directory-Pass-1").status_code == 302
    english.logout()
    # An account without employee id (an administrator) keeps its local password.
    AdministratorFactory(username="admin")
    assert sign_in(english, "admin", PASSWORD).status_code == 302


def test_an_unreachable_directory_leaves_local_passwords_working(settings, english, roster):
    settings.LDAP_SERVER_URI = "ldap://127.0.0.1:9/"
    settings.LDAP_TIMEOUT = 1
    assert WRONG in refusal(sign_in(english, "zhang.wei", "Directory-Pass-1"))
    AdministratorFactory(username="admin")
    assert sign_in(english, "admin", PASSWORD).status_code == 302


# --- Settings ---------------------------------------------------------------------------------


def backends_under(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LDAP_")}
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.AUTHENTICATION_BACKENDS)",
        ],
        cwd=django_settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_ldap_is_off_unless_its_server_is_set():
    off = backends_under({})
    assert off.returncode == 0, off.stderr
    assert "people.backends.DirectoryBackend" not in off.stdout
    on = backends_under(
        {"LDAP_SERVER_URI": "ldap://ldap.example.com", "LDAP_USER_SEARCH_BASE": "dc=example"}
    )
    assert on.returncode == 0, on.stderr
    assert on.stdout.split("'")[1:4:2] == [
        "axes.backends.AxesStandaloneBackend",
        "people.backends.DirectoryBackend",
    ]
    without_base = backends_under({"LDAP_SERVER_URI": "ldap://ldap.example.com"})
    assert without_base.returncode != 0
    assert "LDAP_USER_SEARCH_BASE" in without_base.stderr

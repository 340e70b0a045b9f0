"""People administration in /cms/people/ (issue 15, item 5; decision 0707): the list with its
search and filters, deactivating, reactivating, unlocking, and the audit log of every change."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from people.services.roster import roster_import
from tests.certificates.factories import clear_rate_limits, issued  # noqa: F401
from tests.factories import PASSWORD, AdministratorFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = "/cms/people/"
ROSTER = (
    "工号,姓名,部门,岗位,主管工号,邮箱,状态,角色\n"
    "E1,钱志远,售后服务部,总监,,e1@example.com,在职,主管\n"
    "E2,孙建国,售后服务部/华东大区,大区经理,E1,e2@example.com,在职,主管\n"
    "E3,马强,售后服务部/华东大区/上海站,站长,E2,e3@example.com,在职,培训师、主管\n"
    "E4,张工,售后服务部/华东大区/上海站,工程师,E3,zhang@example.com,在职,学员\n"
    "E5,何丽华,售后服务部/华北大区,大区经理,E1,,在职,考核负责人\n"
    "E6,赵离,售后服务部/华北大区,工程师,E5,,离职,学员\n"
)


@pytest.fixture
def organisation(db):
    roster_import(data=ROSTER.encode(), filename="roster.csv")
    return {person.employee_id: person for person in User.objects.exclude(employee_id=None)}


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def listed(client, **filters):
    response = client.get(URL, filters)
    assert response.status_code == 200
    return [row["person"].employee_id for row in response.context["rows"]]


def test_the_list_shows_each_persons_columns(admin_client, organisation):
    with translation.override("en"):
        response = admin_client.get(URL, {"q": "E4"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    [row] = response.context["rows"]
    assert row["person"].employee_id == "E4"
    for text in ("张工", "售后服务部/华东大区/上海站", "工程师", "马强", "Learner", "Active"):
        assert text in html, text
    assert "Never" in html  # last sign-in
    assert "Not invited" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("马强", ["E3"]), ("e4", ["E4"]), ("zhang@", ["E4"]), ("E5", ["E5"]), ("nobody", [])],
)
def test_search_finds_name_employee_id_email_and_username(
    admin_client, organisation, query, expected
):
    assert listed(admin_client, q=query) == expected


def test_the_unit_filter_includes_the_units_below(admin_client, organisation):
    from people.models import OrgUnit

    east = OrgUnit.objects.get(path="售后服务部/华东大区")
    assert listed(admin_client, unit=east.pk) == ["E2", "E3", "E4"]
    station = OrgUnit.objects.get(path="售后服务部/华东大区/上海站")
    assert listed(admin_client, unit=station.pk) == ["E3", "E4"]


def test_filters_by_role_and_status(admin_client, organisation, administrator):
    assert listed(admin_client, role="Manager") == ["E1", "E2", "E3"]
    assert listed(admin_client, role="Assessor") == ["E5"]
    organisation["E4"].is_active = False
    organisation["E4"].save()
    assert listed(admin_client, status="left") == ["E6"]
    assert listed(admin_client, status="deactivated") == ["E4"]
    assert "E4" not in listed(admin_client, status="active")
    assert listed(admin_client, role="Manager", status="active", q="E3") == ["E3"]


def test_a_bad_filter_value_is_shown_as_an_error_not_a_500(admin_client, organisation):
    response = admin_client.get(URL, {"unit": "99999", "status": "gone"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"unit", "status"}


def test_the_list_takes_the_same_queries_for_many_more_people(
    admin_client, organisation, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as few:
        admin_client.get(URL)
    baseline = len(few.captured_queries)  # now: the next request clears the log
    rows = "\n".join(
        f"P{n},工程师{n},售后服务部/华北大区/站点{n % 7},工程师,E5,p{n}@example.com,在职,学员、主管"
        for n in range(60)
    )
    roster_import(data=(ROSTER + rows + "\n").encode(), filename="roster.csv")
    for person in User.objects.filter(employee_id__startswith="P")[:20]:
        admin_client.post(f"{URL}{person.pk}/invite/")
    with django_assert_max_num_queries(baseline):
        response = admin_client.get(URL)
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.count == 67


def test_the_list_is_paginated(admin_client, organisation):
    for n in range(55):
        UserFactory(username=f"z{n:03d}")
    second = admin_client.get(URL, {"page": 2})
    assert [row["person"].username for row in second.context["rows"]][-1] == "z054"
    assert len(second.context["rows"]) == 62 - 50


# --- Deactivate, reactivate ------------------------------------------------------------------


def sign_in(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_a_deactivated_person_cannot_sign_in_and_keeps_their_records(
    admin_client, organisation, administrator
):
    person = UserFactory(username="engineer", manager=organisation["E3"])
    other = admin_client.__class__()
    assert sign_in(other, "engineer")
    before = timezone.now()
    response = admin_client.post(f"{URL}{person.pk}/deactivate/", follow=True)
    assert response.status_code == 200
    assert response.context["row"]["status"] == "deactivated"
    person.refresh_from_db()
    assert not person.is_active and person.manager == organisation["E3"]
    # The open session ends, and signing in again is refused.
    home = other.get("/")
    assert home.status_code == 302 and home.url.startswith("/accounts/login/")
    assert not sign_in(other, "engineer")
    entry = ModelLogEntry.objects.get(action="people.deactivate", object_id=str(person.pk))
    assert entry.user == administrator and entry.timestamp >= before


def test_reactivating_lets_the_person_sign_in_again(admin_client, administrator):
    person = UserFactory(username="engineer", is_active=False)
    other = admin_client.__class__()
    assert not sign_in(other, "engineer")
    admin_client.post(f"{URL}{person.pk}/reactivate/")
    person.refresh_from_db()
    assert person.is_active
    assert sign_in(other, "engineer")
    assert ModelLogEntry.objects.filter(
        action="people.reactivate", object_id=str(person.pk), user=administrator
    ).exists()


def test_nobody_deactivates_themselves_or_a_superuser(admin_client, administrator):
    root = UserFactory(username="root", is_superuser=True)
    for target in (administrator, root):
        with translation.override("en"):
            page = admin_client.post(
                f"{URL}{target.pk}/deactivate/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
            )
        target.refresh_from_db()
        assert target.is_active
        messages = [str(m) for m in page.context["messages"]]
        assert any("cannot deactivate your own" in m or "superuser cannot" in m for m in messages)
    assert not ModelLogEntry.objects.filter(action="people.deactivate").exists()


def test_the_persons_page_shows_the_history_with_who_and_when(admin_client, administrator):
    person = UserFactory(username="engineer")
    admin_client.post(f"{URL}{person.pk}/deactivate/")
    admin_client.post(f"{URL}{person.pk}/reactivate/")
    with translation.override("en"):
        page = admin_client.get(f"{URL}{person.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    actions = [entry.action for entry in page.context["history"]]
    assert actions == ["people.reactivate", "people.deactivate"]
    html = page.content.decode()
    assert "Deactivated" in html and "Reactivated" in html and "系统管理员" in html
    # The same entries in Wagtail's own history of the user and its site history report.
    with translation.override("en"):
        wagtail_history = admin_client.get(
            f"/cms/users/history/{person.pk}/", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        report = admin_client.get(
            "/cms/reports/site-history/", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "Reactivated" in wagtail_history and "Deactivated" in wagtail_history
    assert "Reactivated" in report


# --- Unlock ----------------------------------------------------------------------------------


def test_an_administrator_unlocks_a_locked_account(admin_client, administrator, learner):
    other = admin_client.__class__()
    for n in range(1, 6):
        other.post(
            "/accounts/login/",
            {"username": "learner", "password": "wrong"},
            REMOTE_ADDR=f"10.0.0.{n}",
        )
    page = admin_client.get(f"{URL}{learner.pk}/")
    assert page.context["row"]["locked"]
    assert 'data-testid="unlock"' in page.content.decode()
    assert "learner" in [r["person"].username for r in admin_client.get(URL).context["rows"]]
    admin_client.post(f"{URL}{learner.pk}/unlock/")
    assert not AccessAttempt.objects.filter(username="learner").exists()
    assert ModelLogEntry.objects.filter(
        action="lms.unlock_sign_in", object_id=str(learner.pk), user=administrator
    ).exists()
    assert not admin_client.get(f"{URL}{learner.pk}/").context["row"]["locked"]


# --- Who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainer", "assessor", "learner", "manager"])
def test_nobody_but_administrators_reaches_any_people_url(client, request, who, organisation):
    if who == "manager":
        user = organisation["E3"]
        user.set_password(PASSWORD)
        user.save()
    else:
        user = request.getfixturevalue(who)
    target = organisation["E4"]
    client.force_login(user)
    gets = [URL, f"{URL}{target.pk}/", f"{URL}?q=E4"]
    posts = [f"{URL}{target.pk}/{action}/" for action in ("deactivate", "invite", "unlock")]
    posts += [f"{URL}{organisation['E6'].pk}/reactivate/", f"{URL}invite/"]
    for url in gets + posts:
        for response in (client.get(url), client.post(url, {"person": [target.pk]})):
            # Refused as Wagtail refuses in /cms/: back to its home with a message, or to the
            # sign-in page for those who may not use the CMS at all; never the page itself.
            assert response.status_code in (302, 403, 404), url
            if response.status_code == 302:
                assert response["Location"].split("?")[0] in ("/cms/", "/accounts/login/"), url
    target.refresh_from_db()
    organisation["E6"].refresh_from_db()
    assert target.is_active and not organisation["E6"].is_active
    assert not ModelLogEntry.objects.filter(action__startswith="people.", user=user).exists()


def test_the_menu_offers_people_to_administrators_only(admin_client, client, trainer):
    assert URL in admin_client.get("/cms/").content.decode()
    client.force_login(trainer)
    assert f'"{URL}"' not in client.get("/cms/").content.decode()


def test_an_unknown_person_is_not_found(admin_client):
    assert admin_client.get(f"{URL}999999/").status_code == 404
    assert admin_client.post(f"{URL}999999/deactivate/").status_code == 404


def test_a_get_on_an_action_goes_back_to_the_persons_page(admin_client):
    person = AdministratorFactory(username="admin2")
    response = admin_client.get(f"{URL}{person.pk}/deactivate/")
    assert response.status_code == 302 and response.url == f"{URL}{person.pk}/"
    person.refresh_from_db()
    assert person.is_active


@pytest.mark.usefixtures("clear_rate_limits", "private_files")
def test_a_deactivated_persons_certificate_still_verifies(admin_client, program):
    person = UserFactory(username="certified")
    certificate = issued(person, program)
    admin_client.post(f"{URL}{person.pk}/deactivate/")
    visitor = admin_client.__class__()
    page = visitor.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "status-valid" in page.content.decode()
    person.refresh_from_db()
    assert not person.is_active and person.certificates.count() == 1

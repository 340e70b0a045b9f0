"""A manager's team pages on the demo organisation: who sees whom, 404 for everyone else, the
unit filter, the empty state and a query count that does not grow with the team.

The demo is loaded once for the module, inside a transaction rolled back at the end.
"""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from people.models import OrgUnit
from privacy.notice import acknowledge, current_notice

SHANGHAI = ["learner", "learner02", "learner03"]
HANGZHOU = ["learner04", "learner05", "learner06"]
ALL_LEARNERS = ["learner"] + [f"learner{n:02d}" for n in range(2, 13)]
MANAGERS = ["region-east", "manager", "manager2", "region-north", "manager3", "manager4"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", "--force", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def as_user(demo, db):
    def client_for(username: str) -> Client:
        client = Client()
        client.cookies["lms_language"] = "en"
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return client_for


def team_usernames(html: str) -> list[str]:
    return re.findall(r'href="/team/([^/"]+)/"', html)


@pytest.mark.parametrize(
    "manager, expected",
    [
        ("manager", SHANGHAI),
        ("manager2", HANGZHOU),
        ("region-east", ["manager", *SHANGHAI, "manager2", *HANGZHOU]),
        ("director", MANAGERS + ALL_LEARNERS),
    ],
)
def test_a_manager_sees_the_people_of_their_units_and_below(as_user, manager, expected):
    response = as_user(manager).get("/team/")
    assert response.status_code == 200
    assert sorted(team_usernames(response.content.decode())) == sorted(expected)


def test_the_station_manager_list_shows_unit_position_and_results(as_user):
    html = as_user("manager").get("/team/").content.decode()
    table = html.split('data-testid="team-table"')[1]
    assert "售后服务部/华东大区/上海站" in table and "服务工程师" in table
    assert "王小明" in table and "E1001" in table
    assert table.count('data-testid="team-row"') == 3


@pytest.mark.parametrize(
    "manager, outsider",
    [
        ("manager", "learner04"),  # another station
        ("manager", "learner07"),  # another region
        ("manager", "region-east"),  # their own manager
        ("manager", "manager"),  # themselves
        ("manager2", "learner"),
        ("region-east", "learner10"),
        ("region-east", "director"),
        ("region-north", "manager"),
        ("director", "director"),
        ("director", "trainer"),  # placed nowhere
        ("director", "nobody-of-that-name"),
    ],
)
def test_anyone_outside_the_managers_units_is_a_404(as_user, manager, outsider):
    assert as_user(manager).get(f"/team/{outsider}/").status_code == 404


@pytest.mark.parametrize("username", ["learner", "trainer", "assessor"])
def test_people_without_the_manager_role_get_a_404(as_user, username):
    client = as_user(username)
    assert client.get("/team/").status_code == 404
    assert client.get("/team/learner/").status_code == 404
    assert client.get("/dashboard/manager/").status_code == 404


def test_a_person_page_shows_their_record(as_user):
    response = as_user("region-east").get("/team/learner/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "王小明" in html and "售后服务部/华东大区/上海站" in html
    for section in ("member-progress", "member-exams", "member-cases"):
        assert f'data-testid="{section}"' in html
    assert "Certification exams" in html and "Practice cases" in html


def test_the_unit_filter_keeps_one_unit_and_refuses_units_outside(as_user):
    client = as_user("region-east")
    hangzhou = OrgUnit.objects.get(path="售后服务部/华东大区/杭州站")
    html = client.get("/team/", {"unit": hangzhou.pk}).content.decode()
    assert sorted(team_usernames(html)) == sorted(["manager2", *HANGZHOU])
    beijing = OrgUnit.objects.get(path="售后服务部/华北大区/北京站")
    for bad in (beijing.pk, "abc", 10**9):
        response = client.get("/team/", {"unit": bad})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'role="alert"' in html
        assert not set(team_usernames(html)) & {"learner07", "learner08", "learner09"}


def test_the_manager_dashboard_shows_the_team_panel(as_user):
    html = as_user("manager").get("/dashboard/manager/").content.decode()
    assert 'data-testid="team-panel"' in html
    assert "售后服务部/华东大区/上海站" in html and 'href="/team/"' in html
    assert as_user("manager").get("/").url == "/dashboard/manager/"


def test_a_manager_of_no_unit_sees_a_clear_empty_state(demo, db):
    user = get_user_model().objects.create_user("new-manager", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name="Manager"))
    acknowledge(user, current_notice())  # the demo's privacy notice, read at first sign-in
    client = Client()
    client.cookies["lms_language"] = "en"
    client.force_login(user)
    for url in ("/team/", "/dashboard/manager/"):
        html = client.get(url).content.decode()
        assert 'data-testid="team-empty"' in html
        assert "You manage no unit yet." in html
    assert client.get("/team/learner/").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_team(as_user):
    # Warm the caches (site root, content types, each reader's roles and unread count).
    as_user("manager").get("/team/")
    as_user("director").get("/team/")
    three = _queries(as_user("manager"), "/team/")
    eighteen = _queries(as_user("director"), "/team/")
    # The same, but for one read per kind of assignment the team has: among the director's
    # people a renewal (a program assignment) reads the certificates once more.
    assert three <= eighteen <= three + 1
    # 25, and the team's assignments with done and overdue counts (decision 0803): their
    # audience, progress and dates read once for all of them, about 25 queries
    assert eighteen <= 50
    assert _queries(as_user("manager"), "/team/learner/") <= 25
    assert _queries(as_user("director"), "/dashboard/manager/") <= 10

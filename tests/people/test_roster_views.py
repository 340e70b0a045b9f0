"""The roster upload in /cms/: upload, preview (nothing written), apply; administrators only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from people.models import OrgUnit, RosterUpload
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = "/cms/people/import/"
ROSTER = "工号,姓名,部门,主管工号\nE1,王经理,售后服务部,\nE2,张工,售后服务部/上海站,E1\n"


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def upload(client, content, **extra):
    file = SimpleUploadedFile("roster.csv", content.encode("gbk"), content_type="text/csv")
    with translation.override("en"):
        return client.post(URL, {"file": file, **extra}, follow=True, HTTP_ACCEPT_LANGUAGE="en")


def test_upload_shows_a_preview_and_writes_nothing_until_confirmed(admin_client):
    page = upload(admin_client, ROSTER)
    html = page.content.decode()
    assert 'data-testid="roster-preview"' in html
    assert "2 created, 0 updated, 0 deactivated, 0 unchanged" in html
    assert '<td translate="no">E2</td>' in html
    assert not User.objects.filter(employee_id="E2").exists()
    applied = admin_client.post(page.request["PATH_INFO"], {"deactivate_missing": "0"}, follow=True)
    assert applied.status_code == 200
    assert User.objects.get(employee_id="E2").manager.employee_id == "E1"
    assert RosterUpload.objects.get().applied_at is not None
    # Applied once: the same upload cannot be applied again.
    assert admin_client.post(page.request["PATH_INFO"]).status_code == 404


def test_an_upload_with_errors_lists_them_with_line_and_column(admin_client):
    html = upload(admin_client, ROSTER + "E3,李工,售后服务部,E404\n").content.decode()
    assert 'data-testid="roster-errors"' in html
    assert "line 4, column 4: unknown manager “E404”" in html
    assert "Apply these changes" not in html
    assert not User.objects.filter(employee_id__isnull=False).exists()


def test_the_preview_shows_deactivations_asked_for(admin_client):
    upload(admin_client, ROSTER)
    admin_client.post(f"{URL}{RosterUpload.objects.get().pk}/")
    page = upload(admin_client, "工号,姓名,部门\nE1,王经理,售后服务部\n", deactivate_missing="on")
    assert "0 created, 0 updated, 1 deactivated, 1 unchanged" in page.content.decode()
    assert User.objects.get(employee_id="E2").is_active


def test_another_administrators_upload_is_not_found(admin_client, client):
    upload(admin_client, ROSTER)
    pk = RosterUpload.objects.get().pk
    client.force_login(AdministratorFactory(username="admin2"))
    assert client.get(f"{URL}{pk}/").status_code == 404


@pytest.mark.parametrize(
    ("who", "sent_to"),
    [("trainer", "/cms/"), ("assessor", "/cms/"), ("learner", "/accounts/login/")],
)
def test_only_administrators_reach_the_page(client, request, who, sent_to):
    # Trainers and assessors may open /cms/ but not this page (Wagtail turns the refusal into
    # a redirect to its dashboard with a message); learners are sent to the site's sign-in.
    client.force_login(request.getfixturevalue(who))
    for response in (
        client.get(URL),
        client.post(URL, {"file": SimpleUploadedFile("roster.csv", ROSTER.encode())}),
    ):
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == sent_to
    assert not RosterUpload.objects.exists()


def test_the_menu_shows_the_import_to_administrators_only(admin_client, client, trainer):
    assert URL in admin_client.get("/cms/").content.decode()
    client.force_login(trainer)
    assert URL not in client.get("/cms/").content.decode()


def test_administrators_set_a_units_manager_and_trainers_cannot(admin_client, client, trainer):
    upload(admin_client, ROSTER)
    admin_client.post(f"{URL}{RosterUpload.objects.get().pk}/")
    unit = OrgUnit.objects.get(path="售后服务部/上海站")
    listing = admin_client.get("/cms/org_units/").content.decode()
    assert "售后服务部/上海站" in listing
    assert "/cms/org_units/new/" not in listing
    manager = User.objects.get(employee_id="E1")
    saved = admin_client.post(f"/cms/org_units/edit/{unit.pk}/", {"manager": manager.pk})
    assert saved.status_code == 302
    unit.refresh_from_db()
    assert unit.manager == manager
    client.force_login(trainer)
    assert client.get(f"/cms/org_units/edit/{unit.pk}/").status_code == 302
    assert client.get("/cms/org_units/new/").status_code == 302


def test_a_new_upload_replaces_the_pending_one(admin_client):
    upload(admin_client, ROSTER)
    first = RosterUpload.objects.get().pk
    upload(admin_client, ROSTER)
    assert list(RosterUpload.objects.values_list("pk", flat=True)) != [first]
    assert RosterUpload.objects.count() == 1
    assert admin_client.get(f"{URL}{first}/").status_code == 404

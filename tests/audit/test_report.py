"""The audit page for administrators (/cms/reports/audit/): who may see it, its filters, its
XLSX export, its query budget and the verify button."""

from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from audit.api import record, record_access
from audit.models import Chain, Entry
from tests.factories import (
    AdministratorFactory,
    AssessorFactory,
    LearnerFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = "/cms/reports/audit/"


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    client.cookies["lms_language"] = "en"  # the admin's language
    return client


def table(response) -> str:
    """The page's table of entries (the filters' lists name every action too)."""
    html = response.content.decode()
    start = html.find('data-testid="audit-entries"')
    return html[start : html.find("</table>", start)] if start >= 0 else ""


def _trail(count=3, first=0):
    """``count`` decisions by an assessor about learners, and one access-log entry."""
    assessor = AssessorFactory(username="assessor-a", display_name="审核员甲", employee_id="A9001")
    request = RequestFactory().post("/", REMOTE_ADDR="10.20.30.40")
    learners = []
    for n in range(first, first + count):
        learner = LearnerFactory(display_name=f"学员{n}")
        learners.append(learner)
        record(
            "certificates.revoked",
            actor=assessor,
            obj=learner,
            subject=learner,
            before={"status": "valid"},
            after={"status": "revoked"},
            reason=f"证书信息有误 {n}",
            request=request,
        )
    record_access(viewer=assessor, subject=learners[0], obj=learners[0])
    return assessor, learners


@pytest.mark.parametrize("factory", [LearnerFactory, TrainerFactory, AssessorFactory])
def test_only_administrators_see_the_audit_page(client, factory):
    _trail(1)
    client.force_login(factory())
    response = client.get(URL)
    assert response.status_code in (302, 403, 404)
    assert "证书信息有误" not in response.content.decode()
    verify = client.get(reverse("audit_verify"))
    assert verify.status_code in (302, 403, 404) and verify.get("Location") != URL
    with translation.override("en"):
        assert "Audit trail" not in client.get("/cms/").content.decode()


def test_a_superuser_sees_the_page_and_the_reports_menu_item(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.cookies["lms_language"] = "en"
    _trail(1)
    with translation.override("en"):
        response = client.get(URL)
        menu = client.get("/cms/").content.decode()
    assert response.status_code == 200
    assert "Audit trail" in menu and URL in menu


def test_the_page_shows_each_column(admin_client):
    assessor, learners = _trail(2)
    with translation.override("en"):
        html = table(admin_client.get(URL))
    assert "Certificate revoked" in html
    assert "Viewed another person&#x27;s record" in html or "Viewed another person's record" in html
    assert "审核员甲" in html and "A9001" in html  # by: name through the live account
    assert "学员1" in html  # about
    assert "status: valid → revoked" in html
    assert "证书信息有误 1" in html  # reason
    assert "10.20.30.40" in html
    assert f'href="/cms/users/edit/{learners[1].pk}/"' in html  # the object, linked


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"person": "A9001"}, ["证书信息有误 0", "证书信息有误 1"], []),
        ({"person": "学员1"}, ["证书信息有误 1"], ["证书信息有误 0"]),
        ({"chain": "access"}, ["Viewed another person"], ["证书信息有误"]),
        ({"action": "certificates.revoked"}, ["证书信息有误 0"], ["Viewed another person"]),
        ({"object_type": "lms.user"}, ["证书信息有误 0"], []),
        ({"at_from": "2000-01-01", "at_to": "2000-01-02"}, [], ["证书信息有误"]),
    ],
    ids=["employee id", "name", "chain", "action", "object type", "time"],
)
def test_filters(admin_client, query, shown, hidden):
    _trail(2)
    with translation.override("en"):
        html = table(admin_client.get(URL, query))
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


def test_the_time_filter_keeps_todays_entries(admin_client):
    _trail(1)
    today = timezone.localdate()
    query = {"at_from": (today - timedelta(days=1)).isoformat(), "at_to": today.isoformat()}
    assert "证书信息有误 0" in table(admin_client.get(URL, query))


def test_the_xlsx_export_has_the_filtered_rows(admin_client):
    _trail(3)
    with translation.override("en"):
        response = admin_client.get(URL, {"chain": "decision", "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Time", "Log", "Number", "By (employee ID)", "By", "Action")
    body = rows[1:]
    assert len(body) == Entry.objects.filter(chain=Chain.DECISION).count() == 3
    assert {row[10] for row in body} == {f"证书信息有误 {n}" for n in range(3)}
    assert all(row[5] == "Certificate revoked" and row[3] == "A9001" for row in body)


def test_the_page_reads_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    _trail(2)
    admin_client.get(URL)  # warm the caches (content types, permissions)
    with django_assert_max_num_queries(40) as small:
        admin_client.get(URL)
    _trail(40, first=2)
    with django_assert_max_num_queries(40) as large:
        response = admin_client.get(URL)
    assert table(response).count("证书信息有误") == 42
    assert len(large.captured_queries) <= len(small.captured_queries) + 1


def test_the_verify_button_reports_an_intact_trail_and_a_changed_row(admin_client):
    _trail(2)
    with translation.override("en"):
        page = admin_client.get(reverse("audit_verify"), follow=True).content.decode()
        assert "Decisions: 2 entries intact." in page
        Entry.objects.filter(chain=Chain.DECISION, sequence=2).update(reason="edited")
        page = admin_client.get(reverse("audit_verify"), follow=True).content.decode()
    assert "Decisions: broken at entry #2" in page


def test_an_administrator_role_without_superuser_sees_the_page(client):
    admin = AdministratorFactory()
    client.force_login(admin)
    assert client.get(URL).status_code == 200


def test_an_entry_shows_in_wagtails_history_of_its_object_with_its_label(admin_client):
    assessor, learners = _trail(1)
    with translation.override("en"):
        history = admin_client.get(f"/cms/users/history/{learners[0].pk}/").content.decode()
        site = admin_client.get("/cms/reports/site-history/").content.decode()
    assert "Certificate revoked" in history
    assert "Certificate revoked" in site
    admin_client.cookies["lms_language"] = "zh-hans"
    with translation.override("zh-hans"):
        chinese = admin_client.get(f"/cms/users/history/{learners[0].pk}/").content.decode()
    # Needs the catalog filled from /work/i18n/h-audit.json.
    assert "证书已撤销" in chinese and "Certificate revoked" not in chinese

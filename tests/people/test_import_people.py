"""The roster import contract of issue 15 (docs/people.md), through the command."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook

from people.models import OrgUnit, Placement
from tests.certificates.factories import clear_rate_limits, issued  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

ENGLISH = (
    "employee_id,name,department,position,manager,hire_date,email,mobile,status,roles\n"
    "E1,王经理,售后服务部,总监,,2020-01-02,e1@example.com,13800000001,active,Manager\n"
    "E2,李站长,售后服务部/华东大区/上海站,站长,E1,2021/03/04,,,在职,培训师、主管\n"
    "E3,张工,售后服务部/华东大区/上海站,工程师,E2,,,,,\n"
)
CHINESE = (
    "主管工号,姓名,工号,部门,状态,角色\n"
    ",王经理,E1,售后服务部,在职,学员\n"
    "E1,张工,E3,售后服务部/华北大区,离职,学员，培训师\n"
)


def run(tmp_path, content, *args, name="roster.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import_people", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing(tmp_path, content, *args, name="roster.csv"):
    before = (User.objects.count(), OrgUnit.objects.count(), Placement.objects.count())
    with pytest.raises(CommandError) as raised:
        run(tmp_path, content, *args, name=name)
    assert raised.value.returncode == 1
    assert (User.objects.count(), OrgUnit.objects.count(), Placement.objects.count()) == before
    return raised


def test_a_roster_creates_people_units_managers_and_roles(tmp_path):
    out, _err = run(tmp_path, ENGLISH, "--format", "json")
    assert json.loads(out) == {"created": 3, "updated": 0, "deactivated": 0, "unchanged": 0}
    engineer = User.objects.get(employee_id="E3")
    assert engineer.username == "E3"
    assert not engineer.has_usable_password()
    assert engineer.manager.employee_id == "E2"
    assert engineer.placement.unit.path == "售后服务部/华东大区/上海站"
    assert engineer.placement.unit.parent.parent.path == "售后服务部"
    assert [g.name for g in engineer.groups.all()] == ["Learner"]
    lead = User.objects.get(employee_id="E2")
    assert sorted(g.name for g in lead.groups.all()) == ["Manager", "Trainer"]
    assert str(lead.hire_date) == "2021-03-04"
    assert sorted(OrgUnit.objects.values_list("path", flat=True)) == [
        "售后服务部",
        "售后服务部/华东大区",
        "售后服务部/华东大区/上海站",
    ]
    again, _err = run(tmp_path, ENGLISH, "--format", "json")
    assert json.loads(again) == {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 3}


def test_chinese_headers_in_any_order_from_a_gbk_file_and_the_table_output(tmp_path):
    run(tmp_path, ENGLISH)
    out, _err = run(tmp_path, CHINESE.encode("gbk"))
    counts = dict(line.rsplit(None, 1) for line in out.splitlines()[:4])
    assert counts == {"Created": "0", "Updated": "1", "Deactivated": "1", "Unchanged": "0"}
    gone = User.objects.get(employee_id="E3")
    assert not gone.is_active and gone.placement.status == "left"
    assert gone.placement.unit.path == "售后服务部/华北大区"
    assert sorted(g.name for g in gone.groups.all()) == ["Learner", "Trainer"]


def test_utf8_with_bom_and_xlsx_are_read(tmp_path):
    out, _err = run(tmp_path, b"\xef\xbb\xbf" + CHINESE.encode(), "--format", "json")
    assert json.loads(out)["created"] == 2
    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "部门", "入职日期"])
    sheet.append(["E9", "赵工", "售后服务部/华南大区", "2024-05-06"])
    buffer = io.BytesIO()
    book.save(buffer)
    out, _err = run(tmp_path, buffer.getvalue(), "--format", "json", name="roster.xlsx")
    assert json.loads(out) == {"created": 1, "updated": 0, "deactivated": 0, "unchanged": 0}
    assert str(User.objects.get(employee_id="E9").hire_date) == "2024-05-06"


def test_formulas_in_a_workbook_are_refused(tmp_path):
    book = Workbook()
    book.active.append(["工号", "姓名", "部门"])
    book.active.append(["E9", "=A1", "售后服务部"])
    buffer = io.BytesIO()
    book.save(buffer)
    failing(tmp_path, buffer.getvalue(), name="roster.xlsx")
    path = tmp_path / "formula.xlsx"
    path.write_bytes(buffer.getvalue())
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_people", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 2, column 2: formulas are not accepted: paste values" in err.getvalue()


HEADER = "employee_id,name,department,manager,hire_date,email,mobile,status,roles\n"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("E1,甲,部\nE1,乙,部\n", "line 3, column 1: employee id “E1” already appears on line 2"),
        ("E1,甲,部,E404\n", "line 2, column 4: unknown manager “E404”"),
        ("E1,甲,部,E2\nE2,乙,部,E1\n", "line 2, column 4: manager “E2” makes a cycle"),
        ("E1,甲,部,E1\n", "line 2, column 4: manager “E1” makes a cycle"),
        ("E1,甲,部,,2024-13-01\n", "line 2, column 5: “2024-13-01” is not a date"),
        ("E1,甲,部,,2024.01.01\n", "line 2, column 5: “2024.01.01” is not a date"),
        ("E1,甲,部,,,not-an-email\n", "line 2, column 6: “not-an-email” is not an email"),
        ("E1,甲,部,,,,12ab\n", "line 2, column 7: “12ab” is not a mobile number"),
        ("E1,甲,部,,,,,retired\n", "line 2, column 8: unknown status “retired”"),
        ("E1,甲,部,,,,,,学员，老板\n", "line 2, column 9: unknown role “老板”"),
        ("E1,,部\n", "line 2, column 2: this cell is empty"),
        ("E1,甲,部//站\n", "line 2, column 3: “部//站” has an empty level"),
    ],
)
def test_each_error_names_line_and_column_and_nothing_is_written(tmp_path, rows, expected):
    UserFactory(username="staff")
    raised = failing(tmp_path, HEADER + rows)
    with translation.override("en"):
        out, err = io.StringIO(), io.StringIO()
        path = tmp_path / "again.csv"
        path.write_text(HEADER + rows)
        with pytest.raises(CommandError):
            call_command("import_people", str(path), stdout=out, stderr=err)
    assert expected in err.getvalue()
    assert raised.value.returncode == 1


def test_a_manager_cycle_through_people_already_on_the_platform(tmp_path):
    run(tmp_path, "工号,姓名,部门,主管工号\nA,甲,部,\nB,乙,部,A\n")
    raised = failing(tmp_path, "工号,姓名,部门,主管工号\nA,甲,部,B\n")
    assert raised is not None
    assert User.objects.get(employee_id="A").manager is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\xff\xfe" * 100, "neither UTF-8 nor GBK"),
        ("工号,姓名,部门\n".encode("utf-16"), "neither UTF-8 nor GBK"),
        (b"PK\x03\x04garbage", "could not be read as an Excel workbook"),
    ],
)
def test_bad_files_get_a_clear_error_and_change_nothing(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("import_people", str(path), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert message in err.getvalue()
    assert not User.objects.filter(employee_id__isnull=False).exists()


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.PEOPLE_IMPORT_MAX_BYTES = 20 * 1024 * 1024
    path = tmp_path / "big.csv"
    with path.open("wb") as big:
        big.write(b"employee_id,name,department\n")
        big.truncate(50 * 1024 * 1024)
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("import_people", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 1
    assert "larger than 20 MB" in str(raised.value)


def test_dry_run_reports_and_writes_nothing(tmp_path):
    out, _err = run(tmp_path, ENGLISH, "--dry-run", "--format", "json")
    assert json.loads(out) == {"created": 3, "updated": 0, "deactivated": 0, "unchanged": 0}
    assert not User.objects.filter(employee_id__isnull=False).exists()
    assert not OrgUnit.objects.exists()
    table, _err = run(tmp_path, ENGLISH, "--dry-run")
    assert "Dry run: nothing was written." in table


def test_people_missing_from_the_file_are_untouched_unless_asked(tmp_path, settings):
    run(tmp_path, ENGLISH)
    only_one = "工号,姓名,部门\nE1,王经理,售后服务部\n"
    out, _err = run(tmp_path, only_one, "--format", "json")
    assert json.loads(out)["deactivated"] == 0
    assert User.objects.filter(employee_id__in=["E2", "E3"], is_active=True).count() == 2
    out, _err = run(tmp_path, only_one, "--deactivate-missing", "--format", "json")
    assert json.loads(out)["deactivated"] == 2
    left = User.objects.get(employee_id="E3")
    assert not left.is_active and left.placement.status == "left"
    assert left.manager.employee_id == "E2"  # the record is kept


@pytest.mark.usefixtures("clear_rate_limits", "private_files")
def test_a_person_who_left_cannot_sign_in_and_their_certificate_still_verifies(
    tmp_path, client, program
):
    run(tmp_path, ENGLISH)
    person = User.objects.get(employee_id="E3")
    person.set_password("a-long-password-1")
    person.save()
    certificate = issued(person, program)
    login = {"username": "E3", "password": "a-long-password-1"}
    assert client.post("/accounts/login/", login).status_code == 302
    client.logout()
    run(tmp_path, "工号,姓名,部门,状态\nE3,张工,售后服务部,离职\n")
    refused = client.post("/accounts/login/", login)
    assert refused.status_code == 200 and not refused.wsgi_request.user.is_authenticated
    page = client.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "status-valid" in page.content.decode()
    assert User.objects.get(employee_id="E3").certificates.count() == 1


def test_the_number_of_queries_does_not_grow_with_the_rows(tmp_path):
    def queries(count, prefix):
        # Each run brings its own units, so both create the same number of them.
        rows = "".join(f"{prefix}{n},人{n},{prefix}部/站{n % 3},,,,,,学员\n" for n in range(count))
        path = tmp_path / f"{prefix}.csv"
        path.write_text(HEADER + rows)
        with CaptureQueriesContext(connection) as captured:
            call_command("import_people", str(path), stdout=io.StringIO())
        return len(captured)

    queries(3, "W")  # warms what is read once per process (groups, content types)
    few, many = queries(5, "A"), queries(200, "B")
    # 195 more people cost no query each: only bulk writes split into more batches (SQLite
    # takes at most 999 parameters per statement).
    assert many - few <= 6, (few, many)


def test_an_account_already_named_like_a_new_employee_id_is_an_error(tmp_path):
    UserFactory(username="E7")
    failing(tmp_path, "工号,姓名,部门\nE6,甲,部\nE7,乙,部\n")
    path = tmp_path / "again.csv"
    path.write_text("工号,姓名,部门\nE6,甲,部\nE7,乙,部\n")
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_people", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 3, column 1: the username “E7” belongs to another account" in err.getvalue()


# --- The audit log and administrators' deactivations (decision 0707) ---------------------------


def test_every_person_the_import_changes_gets_one_audit_entry(tmp_path, client, administrator):
    from wagtail.models import ModelLogEntry

    run(tmp_path, ENGLISH)
    created = ModelLogEntry.objects.filter(action="people.roster_create")
    assert created.count() == 3 and {e.user for e in created} == {None}
    assert len({e.uuid for e in created}) == 1  # one import, one action
    moved = ENGLISH.replace(
        "E3,张工,售后服务部/华东大区/上海站,工程师", "E3,张工,售后服务部,高级工程师"
    )
    run(tmp_path, moved)
    [entry] = ModelLogEntry.objects.filter(action="people.roster_update")
    engineer = User.objects.get(employee_id="E3")
    assert entry.object_id == str(engineer.pk)
    assert entry.data == {"changed": ["department", "unit_id", "position"]}
    client.force_login(administrator)
    with translation.override("en"):
        history = client.get(f"/cms/users/history/{engineer.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Updated from the roster: department, unit, position" in history.content.decode()
    run(tmp_path, moved)  # nothing changes: nothing logged
    assert ModelLogEntry.objects.filter(action__startswith="people.roster").count() == 4
    run(tmp_path, "工号,姓名,部门\nE1,王经理,售后服务部\n", "--deactivate-missing")
    gone = ModelLogEntry.objects.filter(action="people.roster_deactivate")
    assert sorted(e.label for e in gone) == ["张工", "李站长"]


def test_the_upload_page_logs_the_administrator_as_the_author(client, administrator):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import ModelLogEntry

    from people.models import RosterUpload

    client.force_login(administrator)
    upload = SimpleUploadedFile("roster.csv", ENGLISH.encode(), content_type="text/csv")
    client.post("/cms/people/import/", {"file": upload})
    assert not ModelLogEntry.objects.filter(action__startswith="people.").exists()  # preview
    client.post(f"/cms/people/import/{RosterUpload.objects.get().pk}/", {"deactivate_missing": "0"})
    entries = ModelLogEntry.objects.filter(action="people.roster_create")
    assert entries.count() == 3 and {e.user for e in entries} == {administrator}


def test_the_roster_does_not_undo_an_administrators_deactivation(tmp_path, administrator):
    from people.services.accounts import account_deactivate

    run(tmp_path, ENGLISH)
    account_deactivate(person=User.objects.get(employee_id="E3"), by=administrator)
    out, _err = run(tmp_path, ENGLISH, "--format", "json")
    assert json.loads(out) == {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 3}
    assert not User.objects.get(employee_id="E3").is_active
    # Someone who left and is listed as active again (rehired) is reactivated.
    run(
        tmp_path,
        ENGLISH.replace(
            "E2,李站长,售后服务部/华东大区/上海站,站长,E1,2021/03/04,,,在职",
            "E2,李站长,售后服务部/华东大区/上海站,站长,E1,2021/03/04,,,离职",
        ),
    )
    assert not User.objects.get(employee_id="E2").is_active
    out, _err = run(tmp_path, ENGLISH, "--format", "json")
    assert json.loads(out)["updated"] == 1
    assert User.objects.get(employee_id="E2").is_active
    assert not User.objects.get(employee_id="E3").is_active


def test_roles_an_import_changes_take_effect_at_the_next_request(
    tmp_path, django_capture_on_commit_callbacks
):
    """Roles are kept in the cache (lms.roles.user_roles); the import writes them in bulk, with
    no signal, and still nobody keeps a role the roster took away."""
    from lms.roles import TRAINER, has_role

    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, ENGLISH)
    assert has_role(User.objects.get(employee_id="E2"), TRAINER)  # now in the cache
    demoted = ENGLISH.replace("培训师、主管", "主管")
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, demoted)
    assert not has_role(User.objects.get(employee_id="E2"), TRAINER)

"""import_metrics: every bad input writes nothing; good files create, update and keep history."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from assessment import metric_files
from assessment.models import MetricRecord, MetricRecordChange
from tests.factories import LearnerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = "employee_id,indicator,period,value,source,note\n"


@pytest.fixture
def engineers(program):
    return [
        LearnerFactory(employee_id="E1001", display_name="王小明"),
        LearnerFactory(employee_id="E1002", display_name="李娜"),
    ]


def run(tmp_path, content, name="metrics.csv", *args):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_metrics", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc, out.getvalue(), err.getvalue()
    return None, out.getvalue(), err.getvalue()


GOOD = HEADER + (
    "E1001,first_time_fix_rate,2026-Q3,88,服务台,\n"
    "E1001,repeat_repair_rate,2026-Q3,3.5,服务台,\n"
    "E1002,first_time_fix_rate,2026-Q3,91.25,服务台,夜间推送\n"
)


def test_a_good_file_creates_the_records(tmp_path, engineers):
    error, out, _ = run(tmp_path, GOOD)
    assert error is None
    assert "Imported metrics.csv: 3 created, 0 updated, 0 unchanged." in out
    record = MetricRecord.objects.get(employee__employee_id="E1002")
    assert (record.indicator, record.period, record.value) == (
        "first_time_fix_rate",
        "2026-Q3",
        Decimal("91.25"),
    )
    assert (record.source, record.note) == ("服务台", "夜间推送")
    assert record.updated_via == "command import_metrics metrics.csv"


def test_the_same_file_twice_changes_nothing(tmp_path, engineers):
    run(tmp_path, GOOD)
    before = list(MetricRecord.objects.values_list("pk", "value", "updated_at"))
    error, out, _ = run(tmp_path, GOOD)
    assert error is None
    assert "0 created, 0 updated, 3 unchanged" in out
    assert list(MetricRecord.objects.values_list("pk", "value", "updated_at")) == before
    assert not MetricRecordChange.objects.exists()


def test_reimporting_a_key_updates_it_and_keeps_the_old_value(tmp_path, engineers):
    run(tmp_path, GOOD)
    changed = HEADER + "E1001,first_time_fix_rate,2026-Q3,90,服务台,修正\n"
    error, out, _ = run(tmp_path, changed, "fix.csv")
    assert error is None and "0 created, 1 updated, 0 unchanged" in out
    record = MetricRecord.objects.get(
        employee__employee_id="E1001", indicator="first_time_fix_rate"
    )
    assert record.value == Decimal(90) and record.note == "修正"
    (change,) = record.history.all()
    assert (change.old_value, change.new_value, change.old_note) == (Decimal(88), Decimal(90), "")
    assert change.changed_via == "command import_metrics fix.csv"


def test_a_file_without_source_or_note_keeps_them(tmp_path, engineers):
    run(tmp_path, GOOD)
    error, out, _ = run(tmp_path, "工号,指标,周期,数值\nE1002,first_time_fix_rate,2026-Q3,92\n")
    assert error is None
    record = MetricRecord.objects.get(employee__employee_id="E1002")
    assert (record.value, record.source, record.note) == (Decimal(92), "服务台", "夜间推送")


def test_dry_run_writes_nothing(tmp_path, engineers):
    error, out, _ = run(tmp_path, GOOD, "metrics.csv", "--dry-run")
    assert error is None
    assert "nothing written: 3 rows would create 3, update 0 and leave 0 unchanged" in out
    assert not MetricRecord.objects.exists()


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""), ("gb18030", b"")],
)
def test_encodings_and_chinese_headers(tmp_path, engineers, encoding, prefix):
    text = "工号,指标,周期,数值,来源,备注\nE1001,first_time_fix_rate,2026-07,88,客户回访,华东区\n"
    error, out, _ = run(tmp_path, prefix + text.encode(encoding))
    assert error is None, error
    record = MetricRecord.objects.get()
    assert (record.period, record.source, record.note) == ("2026-07", "客户回访", "华东区")


def xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_numbers_and_an_excel_date_for_the_month(tmp_path, engineers):
    from datetime import datetime

    data = xlsx(
        [
            ["工号", "指标", "周期", "数值", "备注"],
            ["E1001", "first_time_fix_rate", "2026-Q3", 88.5, None],
            ["E1002", "first_time_fix_rate", datetime(2026, 7, 1), 90, "excel"],
            [None, None, None, None, None],
            ["E1002", "peer_teamwork_rating", 2026, 4, ""],
        ]
    )
    error, out, _ = run(tmp_path, data, "metrics.xlsx")
    assert error is None, error
    assert "3 created" in out
    values = dict(MetricRecord.objects.values_list("period", "value"))
    assert values == {"2026-Q3": Decimal("88.5"), "2026-07": Decimal(90), "2026": Decimal(4)}


def test_a_formula_cell_is_refused_with_its_place(tmp_path, engineers):
    """Issue 12, finding 7: a formula cell was reported as "value is required"."""
    data = xlsx(
        [
            ["工号", "指标", "周期", "数值"],
            ["E1001", "first_time_fix_rate", "2026-Q3", 88.5],
            ["E1002", "first_time_fix_rate", "2026-Q3", "=D2+1"],
        ]
    )
    error, out, err = run(tmp_path, data, "metrics.xlsx")
    assert error is not None
    assert "line 3, column 4: formulas are not accepted: paste values" in err
    assert "value is required" not in err
    assert not MetricRecord.objects.exists()


def test_xlsx_is_parsed_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_an_xlsx_with_an_entity_bomb_is_refused(tmp_path, engineers):
    data = xlsx([["employee_id", "indicator", "period", "value"], ["E1001", "x", "2026", 1]])
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = bomb.encode()
            new.writestr(item, content)
    error, _, err = run(tmp_path, target.getvalue(), "bomb.xlsx")
    assert error is not None
    assert "line 1, column 1: the file could not be read as an Excel workbook (.xlsx)" in err
    assert not MetricRecord.objects.exists()


def test_an_xlsx_that_unpacks_too_large_is_refused(tmp_path, engineers, monkeypatch):
    monkeypatch.setattr(metric_files, "MAX_XLSX_UNCOMPRESSED", 1000)
    data = xlsx(
        [
            ["employee_id", "indicator", "period", "value"],
            ["E1001", "first_time_fix_rate", "2026", 1],
        ]
    )
    error, _, err = run(tmp_path, data, "big.xlsx")
    assert "unpacks to more than 400 MB" in err


BAD_ROWS = [
    ("E9999,first_time_fix_rate,2026-Q3,88,,", "line 3, column 1: unknown employee ID “E9999”"),
    ("E1002,speed,2026-Q3,88,,", "line 3, column 2: unknown indicator “speed”"),
    (
        "E1002,first_time_fix_rate,2026-Q5,88,,",
        "line 3, column 3: “2026-Q5” is not a period; use YYYY, YYYY-Qn or YYYY-MM",
    ),
    ("E1002,first_time_fix_rate,2026-13,88,,", "line 3, column 3: “2026-13” is not a period"),
    ("E1002,first_time_fix_rate,2026-Q3,abc,,", "line 3, column 4: “abc” is not a number"),
    ("E1002,first_time_fix_rate,2026-Q3,NaN,,", "line 3, column 4: “NaN” is not a number"),
    ("E1002,first_time_fix_rate,2026-Q3,,,", "line 3, column 4: the value is required"),
    (
        "E1002,first_time_fix_rate,2026-Q3,120,,",
        "line 3, column 4: 120 is outside the valid range 0 to 100 of first_time_fix_rate",
    ),
    (
        "E1002,peer_teamwork_rating,2026-Q3,0.5,,",
        "line 3, column 4: 0.5 is outside the valid range 1 to 5 of peer_teamwork_rating",
    ),
    (
        "E1002,first_time_fix_rate,2026-Q3,88.12345,,",
        "line 3, column 4: use at most 4 decimal places",
    ),
    (
        "E1001,first_time_fix_rate,2026-Q3,90,,",
        "line 3, column 1: the same employee, indicator and period as line 2",
    ),
    (",first_time_fix_rate,2026-Q3,90,,", "line 3, column 1: the employee ID is required"),
    (
        "E1002,first_time_fix_rate,2026-Q3,90,," + "x" * 501,
        "line 3, column 6: the note is longer than 500 characters",
    ),
    (
        "E1002,first_time_fix_rate,2026-Q3,90,,,extra",
        "line 3, column 7: this cell has no column heading",
    ),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_a_bad_row_stops_the_whole_file(tmp_path, engineers, row, message):
    content = HEADER + "E1001,first_time_fix_rate,2026-Q3,88,,\n" + row + "\n"
    error, out, err = run(tmp_path, content)
    assert error is not None and error.returncode == 1
    assert message in err
    assert "nothing was imported" in str(error)
    assert not MetricRecord.objects.exists()


def test_every_error_is_listed_with_its_line(tmp_path, engineers):
    content = HEADER + "E9999,first_time_fix_rate,2026-Q3,88,,\nE1001,nope,2026,1,,\n"
    error, _, err = run(tmp_path, content)
    assert err.splitlines() == [
        "line 2, column 1: unknown employee ID “E9999”",
        "line 3, column 2: unknown indicator “nope”",
    ]
    assert str(error).startswith("2 errors in metrics.csv; nothing was imported.")


def test_a_missing_column(tmp_path, engineers):
    error, _, err = run(tmp_path, "employee_id,indicator,period\nE1001,first_time_fix_rate,2026\n")
    assert "line 1, column 4: missing column “value” (数值)" in err
    assert not MetricRecord.objects.exists()


def test_an_unknown_column(tmp_path, engineers):
    error, _, err = run(tmp_path, "employee_id,indicator,period,value,remarks\n")
    assert "line 1, column 5: unknown column “remarks”" in err


def test_a_file_in_no_known_encoding(tmp_path, engineers):
    error, _, err = run(tmp_path, b"employee_id,indicator\n\xff\xfe\xfa\xfb\x80\n")
    assert "line 1, column 1: the file is neither UTF-8 nor GBK/GB18030 text" in err


def test_an_empty_file(tmp_path, engineers):
    error, _, err = run(tmp_path, b"\n\n")
    assert "line 1, column 1: the file is empty" in err


def test_the_size_limit(tmp_path, engineers):
    error, _, _ = run(tmp_path, b"x" * (20 * 1024 * 1024 + 1))
    assert "larger than 20 MB" in str(error)
    assert "larger than 20 MB" in str(metric_files.read(b"x" * (20 * 1024 * 1024 + 1)).errors[0])


def test_the_row_limit(tmp_path, engineers):
    rows = "E1001,first_time_fix_rate,2026-Q3,88\n" * (200_000 + 1)
    sheet = metric_files.read(("employee_id,indicator,period,value\n" + rows).encode())
    assert [str(e) for e in sheet.errors] == [
        "line 200002, column 1: the file has more than 200,000 rows; split it"
    ]
    assert sheet.rows == []


def test_json_output(tmp_path, engineers):
    import json

    error, out, _ = run(
        tmp_path, HEADER + "E9999,first_time_fix_rate,2026-Q3,88,,\n", "m.csv", "--format", "json"
    )
    data = json.loads(out)
    assert data["errors"] == [{"line": 2, "column": 1, "message": "unknown employee ID “E9999”"}]
    error, out, _ = run(tmp_path, GOOD, "m.csv", "--format", "json")
    assert json.loads(out)["created"] == 3


def test_a_missing_file():
    with pytest.raises(CommandError, match="Cannot read /nonexistent.csv"):
        call_command("import_metrics", "/nonexistent.csv")

"""The one place every download is written: CSV and XLSX without formula injection."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from lms import exports

HEADER = ["工号", "姓名", "=合计"]
ROWS = [
    ["E1001", '=HYPERLINK("http://evil")', Decimal("82.40")],
    ["E1002", "+86 138", 7],
    ["E1003", "@SUM(A1)", None],
    ["E1004", "-1", -3.5],
    ["E1005", "\tTab", 0],
]


def test_csv_has_a_bom_and_neutralises_formulas_but_not_numbers():
    response = exports.csv_response("t.csv", HEADER, ROWS)
    assert response["Content-Disposition"] == 'attachment; filename="t.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == ["工号", "姓名", "'=合计"]
    assert [row[1] for row in rows[1:]] == [
        '\'=HYPERLINK("http://evil")',
        "'+86 138",
        "'@SUM(A1)",
        "'-1",
        "'\tTab",
    ]
    assert [row[2] for row in rows[1:]] == ["82.40", "7", "", "-3.5", "0"]


def test_xlsx_keeps_numbers_as_numbers_and_text_formulas_as_text():
    data = exports.xlsx_bytes(HEADER, ROWS, title="进度" * 20, freeze_panes="C2")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == ("进度" * 20)[:31]
    assert sheet.freeze_panes == "C2"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("工号", "姓名", "'=合计")
    assert values[1][1] == '\'=HYPERLINK("http://evil")'
    assert values[1][2] == 82.4 and values[2][2] == 7 and values[3][2] is None
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

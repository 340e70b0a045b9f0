"""The checks of metric rows, without the database: hand-made rows against a hand-made indicator
catalog and employee map."""

from decimal import Decimal

import pytest
from django.utils import translation

from assessment.metric_rows import (
    CREATE,
    CheckedRows,
    PlannedRow,
    RawRow,
    RowError,
    check_rows,
    employee_ids,
)
from assessment.scoring import Indicator


def indicator(code, *, low=None, high=None):
    return Indicator(
        code=code,
        name=code,
        weight=Decimal(50),
        worst=Decimal(0),
        best=Decimal(100),
        min_value=low,
        max_value=high,
    )


CATALOG = {
    "first_time_fix_rate": indicator("first_time_fix_rate", low=Decimal(0), high=Decimal(100)),
    "peer_teamwork_rating": indicator("peer_teamwork_rating", low=Decimal(1), high=Decimal(5)),
    "response_hours": indicator("response_hours", low=Decimal("0.5")),
    "open_tickets": indicator("open_tickets"),
}
USER_IDS = {"E1001": 11, "E1002": 12}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def cells(**changes):
    row = {"employee_id": "E1001", "indicator": "first_time_fix_rate", "period": "2026-Q3"}
    row["value"] = "88"
    row.update(changes)
    return row


def check(*rows):
    return check_rows(
        rows=[RawRow(line, row) for line, row in enumerate(rows, start=2)],
        catalog=CATALOG,
        user_ids=USER_IDS,
    )


def test_valid_rows_are_planned_as_creates_with_their_values_read():
    checked = check(
        cells(employee_id=" E1001 ", period="2026-q3", value="92.5", source="ITSM", note=""),
        cells(employee_id="E1002", indicator="response_hours", period="2026-07", value=3),
    )
    assert checked == CheckedRows(
        [
            PlannedRow(
                2, 11, "E1001", "first_time_fix_rate", "2026-Q3", Decimal("92.5"), "ITSM", ""
            ),
            PlannedRow(3, 12, "E1002", "response_hours", "2026-07", Decimal(3), None, None),
        ],
        [],
    )
    assert {row.action for row in checked.rows} == {CREATE}


def test_a_value_on_the_bounds_of_the_valid_range_is_valid():
    checked = check(cells(value="0"), cells(indicator="peer_teamwork_rating", value="5.0000"))
    assert checked.errors == []
    assert [row.value for row in checked.rows] == [Decimal(0), Decimal(5)]


def test_an_indicator_without_a_range_takes_any_number():
    checked = check(cells(indicator="open_tickets", value="-12345.6789"))
    assert checked.errors == []
    assert checked.rows[0].value == Decimal("-12345.6789")


def test_the_employee_ids_to_look_up_leave_out_empty_cells_and_control_characters():
    rows = [
        RawRow(2, cells(employee_id=" E1001 ")),
        RawRow(3, cells(employee_id="E1001")),
        RawRow(4, cells(employee_id="")),
        RawRow(5, cells(employee_id=None)),
        RawRow(6, cells(employee_id="E10\x0002")),
        RawRow(7, cells(employee_id=1003)),
    ]
    assert employee_ids(rows) == {"E1001", "1003"}


BAD_CELLS = [
    ({"employee_id": "E9999"}, "employee_id", "unknown employee ID “E9999”"),
    ({"employee_id": " "}, "employee_id", "the employee ID is required"),
    ({"indicator": "speed"}, "indicator", "unknown indicator “speed”"),
    ({"indicator": None}, "indicator", "the indicator is required"),
    ({"period": ""}, "period", "the period is required"),
    (
        {"period": "2026-q5"},
        "period",
        "“2026-q5” is not a period; use YYYY, YYYY-Qn or YYYY-MM",
    ),
    ({"period": "2026-13"}, "period", "“2026-13” is not a period; use YYYY, YYYY-Qn or YYYY-MM"),
    ({"value": ""}, "value", "the value is required"),
    ({"value": None}, "value", "the value is required"),
    ({"value": "abc"}, "value", "“abc” is not a number"),
    ({"value": "88.12345"}, "value", "use at most 4 decimal places"),
    (
        {"value": "120"},
        "value",
        "120 is outside the valid range 0 to 100 of first_time_fix_rate",
    ),
    (
        {"indicator": "peer_teamwork_rating", "value": "0.5"},
        "value",
        "0.5 is outside the valid range 1 to 5 of peer_teamwork_rating",
    ),
    (
        {"indicator": "response_hours", "value": "0.25"},
        "value",
        "0.25 is outside the valid range 0.5 to ∞ of response_hours",
    ),
    ({"source": "s" * 101}, "source", "the source is longer than 100 characters"),
    ({"note": "n" * 501}, "note", "the note is longer than 500 characters"),
    (
        {"employee_id": "E10\x0001"},
        "employee_id",
        "the employee_id holds a control character at position 4",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_CELLS)
def test_each_fault_is_reported_with_its_line_and_field(changes, field, message):
    checked = check(cells(indicator="peer_teamwork_rating", value="4"), cells(**changes))
    assert checked.errors == [RowError(3, field, message)]
    assert [row.line for row in checked.rows] == [2]


def test_lengths_at_the_limit_are_valid():
    checked = check(cells(source="s" * 100, note="n" * 500))
    assert checked.errors == []


def test_every_fault_of_a_row_is_reported_in_the_order_of_the_fields():
    checked = check(
        cells(employee_id="E9999", indicator="speed", period="Q3", value="x", note="n" * 501)
    )
    assert [(e.line, e.field) for e in checked.errors] == [
        (2, "employee_id"),
        (2, "indicator"),
        (2, "period"),
        (2, "value"),
        (2, "note"),
    ]
    assert checked.rows == []


def test_a_row_with_a_control_character_is_checked_no_further():
    checked = check(cells(employee_id="E9999", indicator="speed", note="a\x07b", value="x"))
    assert checked.errors == [
        RowError(2, "note", "the note holds a control character at position 2"),
    ]


def test_a_repeated_key_is_an_error_on_the_later_line():
    checked = check(
        cells(value="88"),
        cells(employee_id="E1002", value="70"),
        cells(period="2026-q3", value="90"),
    )
    assert checked.errors == [
        RowError(4, "employee_id", "the same employee, indicator and period as line 2")
    ]
    assert [(row.line, row.value) for row in checked.rows] == [(2, Decimal(88)), (3, Decimal(70))]


def test_a_faulty_row_does_not_take_its_key():
    checked = check(cells(value="120"), cells(value="90"))
    assert [e.line for e in checked.errors] == [2]
    assert [row.line for row in checked.rows] == [3]


def test_no_rows_give_no_plan_and_no_errors():
    assert check() == CheckedRows([], [])

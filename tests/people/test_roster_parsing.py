"""The roster parser on hostile input: any bytes give a clean error list or people, never an
exception (tests/hostile.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lms.parsing import InputError
from people.roster_file import read
from people.roster_rows import Person, check
from tests.hostile import HOSTILE, hostile_text

HEADERS = "工号,姓名,部门,主管工号,入职日期,邮箱,手机,状态,角色\n"


def parse(data: bytes, filename: str = "roster.csv"):
    sheet = read(data, filename)
    return check(sheet, {"M1": None, "M2": "M1"})


def assert_clean(people, errors):
    assert all(isinstance(error, InputError) and str(error) for error in errors)
    assert all(isinstance(person, Person) for person in people)
    assert not (people and errors)


@HOSTILE
@given(st.binary(max_size=400))
def test_any_bytes_give_errors_or_people(data):
    assert_clean(*parse(data))
    assert_clean(*parse(data, "roster.xlsx"))
    assert_clean(*parse(b"PK\x03\x04" + data))


@HOSTILE
@given(st.lists(st.lists(hostile_text, min_size=1, max_size=10), max_size=6))
def test_any_cells_under_the_headings_give_errors_or_people(rows):
    text = HEADERS + "\n".join(",".join(cell.replace("\n", " ") for cell in row) for row in rows)
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        assert_clean(*parse(data))


def test_a_clean_file_gives_people_with_their_values():
    people, errors = parse(
        (
            HEADERS + "E1,甲,部/站,M2,2024/1/2,a@example.com,+86 138-0000-0000,离职,主管、学员\n"
        ).encode()
    )
    assert errors == []
    (person,) = people
    assert (person.employee_id, person.department, person.manager) == ("E1", "部/站", "M2")
    assert str(person.hire_date) == "2024-01-02" and person.status == "left"
    assert person.roles == {"Manager", "Learner"}

"""What other apps may read of the organisation."""

import io

import pytest
from django.core.management import call_command

from lms import organisation
from people import api
from tests.factories import UserFactory
from tests.people.factories import place, unit

pytestmark = pytest.mark.django_db


def test_units_come_parents_first_with_their_parent(tmp_path, django_assert_num_queries):
    path = tmp_path / "roster.csv"
    path.write_text("工号,姓名,部门\nE1,甲,总部/华东/上海\nE2,乙,总部/华北\n")
    call_command("import_people", str(path), stdout=io.StringIO())
    with django_assert_num_queries(1):
        units = api.units()
    assert [unit.path for unit in units] == ["总部", "总部/华东", "总部/华东/上海", "总部/华北"]
    by_path = {unit.path: unit for unit in units}
    assert by_path["总部/华东/上海"].parent_id == by_path["总部/华东"].id
    assert by_path["总部"].parent_id is None


def test_a_managers_units_are_theirs_and_every_unit_below(django_assert_num_queries):
    boss, other = UserFactory(), UserFactory()
    east = unit("总部/华东", manager=boss)
    unit("总部/华东/上海")
    unit("总部/华东x")  # a sibling whose path starts alike is not below 总部/华东
    unit("总部/华北", manager=other)
    placed = place(UserFactory(employee_id="E42"), "总部/华东/上海", "站长")
    place(UserFactory(), "总部/华北")
    with django_assert_num_queries(1):
        managed = organisation.managed_unit_ids(boss)
    paths = {u.path for u in api.units() if u.id in managed}
    assert paths == {"总部/华东", "总部/华东/上海"}
    assert organisation.units_below([east.pk]) == managed
    with django_assert_num_queries(1):
        members = organisation.members(managed)
    assert [(m.user_id, m.employee_id, m.unit_path, m.position) for m in members] == [
        (placed.user_id, "E42", "总部/华东/上海", "站长")
    ]
    assert organisation.people_below([east.pk]) == {placed.user_id}
    assert organisation.members(managed, username=placed.user.username)[0].user_id == placed.user_id
    assert organisation.managed_unit_ids(UserFactory()) == set()

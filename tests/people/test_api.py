"""What other apps may read of the organisation."""

import io

import pytest
from django.core.management import call_command

from people import api

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

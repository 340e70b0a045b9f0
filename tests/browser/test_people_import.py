"""An administrator imports a roster in /cms/: upload, preview, apply."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db(transaction=True)

ROSTER = "工号,姓名,部门,主管工号\nE1,王经理,售后服务部,\nE2,张工,售后服务部/上海站,E1\n"


def test_an_administrator_previews_and_applies_a_gbk_roster(
    live_server, page, login, administrator, tmp_path
):
    roster = tmp_path / "花名册.csv"
    roster.write_bytes(ROSTER.encode("gbk"))
    login(administrator)
    page.goto(f"{live_server.url}/cms/people/import/")
    page.locator("input[name=file]").set_input_files(str(roster))
    page.get_by_test_id("roster-upload").click()
    preview = page.get_by_test_id("roster-preview")
    preview.wait_for()
    assert "E2" in preview.inner_text()
    assert not get_user_model().objects.filter(employee_id="E2").exists()
    page.get_by_test_id("roster-apply").click()
    page.wait_for_url(f"{live_server.url}/cms/people/import/")
    assert get_user_model().objects.get(employee_id="E2").manager.employee_id == "E1"

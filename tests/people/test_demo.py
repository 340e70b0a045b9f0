"""The demo organisation: the service department, two regions, four stations and their
managers, loaded before the assessment demo and safe to load again."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from lms import demo as lms_demo
from lms.management.commands.load_demo_data import demo_modules
from people.models import OrgUnit, Placement

pytestmark = pytest.mark.django_db

TREE = {
    "售后服务部": ("director", "钱志远", "E0001"),
    "售后服务部/华东大区": ("region-east", "孙建国", "E0100"),
    "售后服务部/华东大区/上海站": ("manager", "马强", "E0101"),
    "售后服务部/华东大区/杭州站": ("manager2", "林芳", "E0102"),
    "售后服务部/华北大区": ("region-north", "何丽华", "E0200"),
    "售后服务部/华北大区/北京站": ("manager3", "高远", "E0201"),
    "售后服务部/华北大区/天津站": ("manager4", "宋涛", "E0202"),
}
STATIONS = {
    "上海站": (["learner", "learner02", "learner03"], "manager", "华东·上海"),
    "杭州站": (["learner04", "learner05", "learner06"], "manager2", "华东·杭州"),
    "北京站": (["learner07", "learner08", "learner09"], "manager3", "华北·北京"),
    "天津站": (["learner10", "learner11", "learner12"], "manager4", "华北·天津"),
}


def test_the_organisation_loads_before_the_assessment_demo():
    names = [module.__name__ for module in demo_modules()]
    assert names.index("people.demo") < names.index("assessment.demo")
    assert names.index("lms.demo") < names.index("people.demo")


def test_the_demo_organisation_with_its_managers_and_placements(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())  # again: nothing doubles
    User = get_user_model()
    units = {unit.path: unit for unit in OrgUnit.objects.select_related("manager", "parent")}
    assert set(units) == set(TREE)
    for path, (username, name, employee_id) in TREE.items():
        manager = units[path].manager
        assert (manager.username, manager.display_name, manager.employee_id) == (
            username,
            name,
            employee_id,
        )
        assert manager.groups.filter(name="Manager").exists()
        assert manager.check_password("demo-2026")
        assert manager.placement.unit == units[path]
        parent = units[path].parent
        assert manager.manager == (parent.manager if parent else None)
    assert units["售后服务部/华北大区/天津站"].parent.path == "售后服务部/华北大区"

    for station, (learners, manager, region) in STATIONS.items():
        for username in learners:
            learner = User.objects.select_related("placement__unit", "manager").get(
                username=username
            )
            assert learner.placement.unit.name == station
            assert learner.placement.position == "服务工程师"
            assert learner.manager.username == manager
            assert learner.region == region
            assert learner.department == learner.placement.unit.path
    positions = {p.user.username: p.position for p in Placement.objects.select_related("user")}
    assert positions["director"] == "服务总监"
    assert positions["region-north"] == "大区经理"
    assert positions["manager3"] == "站长"
    assert Placement.objects.count() == 7 + 12


def test_the_start_up_banner_lists_the_manager_logins():
    managers = [name for name, password, role in lms_demo.logins(None) if role == "Manager"]
    assert managers == ["director, region-east, region-north", "manager … manager4"]

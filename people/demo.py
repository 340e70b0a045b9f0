"""The demo organisation: the service department, two regions, four stations, their managers
and where every demo engineer sits.

Runs after ``lms.demo`` (which creates the accounts) and before ``assessment.demo`` (whose
supervisor ratings follow who manages whom): ``people`` comes before ``assessment`` in
INSTALLED_APPS. Safe to run again: units are matched by path, placements by person.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from notifications import api as notifications
from people.models import OrgUnit, Placement
from people.models.units import SEPARATOR

# (unit path, its manager, the manager's position, the people placed there and their position)
ORGANISATION = [
    ("售后服务部", "director", "服务总监", [], ""),
    ("售后服务部/华东大区", "region-east", "大区经理", [], ""),
    (
        "售后服务部/华东大区/上海站",
        "manager",
        "站长",
        ["learner", "learner02", "learner03"],
        "服务工程师",
    ),
    (
        "售后服务部/华东大区/杭州站",
        "manager2",
        "站长",
        ["learner04", "learner05", "learner06"],
        "服务工程师",
    ),
    ("售后服务部/华北大区", "region-north", "大区经理", [], ""),
    (
        "售后服务部/华北大区/北京站",
        "manager3",
        "站长",
        ["learner07", "learner08", "learner09"],
        "服务工程师",
    ),
    (
        "售后服务部/华北大区/天津站",
        "manager4",
        "站长",
        ["learner10", "learner11", "learner12"],
        "服务工程师",
    ),
]


def load(*, password: str | None, stdout) -> None:
    users = {user.username: user for user in get_user_model().objects.all()}
    units: dict[str, OrgUnit] = {}
    for path, manager, manager_position, people, position in ORGANISATION:
        head, _sep, name = path.rpartition(SEPARATOR)
        parent = units.get(head)
        unit, _created = OrgUnit.objects.update_or_create(
            path=path,
            defaults={
                "name": name,
                "parent": parent,
                "depth": path.count(SEPARATOR) + 1,
                "manager": users[manager],
            },
        )
        units[path] = unit
        # A unit's manager sits in it and reports to the manager of the unit above.
        _place(users[manager], unit, manager_position, parent.manager if parent else None)
        for username in people:
            _place(users[username], unit, position, users[manager])
    # The head office's group robot posts to the local sink (manage.py robot_sink) in dev.
    head_office = units[ORGANISATION[0][0]]
    if head_office.robot_id is None:
        head_office.robot = notifications.demo_robot()
        head_office.save(update_fields=["robot"])
    stdout.write(f"  organisation: {len(units)} units, {Placement.objects.count()} placements")


def _place(user, unit: OrgUnit, position: str, manager) -> None:
    Placement.objects.update_or_create(user=user, defaults={"unit": unit, "position": position})
    user.manager = manager
    user.department = unit.path
    user.save(update_fields=["manager", "department"])

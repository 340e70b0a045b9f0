"""Demo accounts: an administrator, two trainers, an assessor, seven managers and twelve learners.

Where they sit in the organisation (units, positions, who manages whom) is ``people/demo.py``.

Called by ``manage.py load_demo_data``; safe to run again (accounts are matched by username).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms import roles

DEFAULT_PASSWORD = "demo-2026"  # noqa: S105 - published demo password


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    employee_id: str | None = None
    department: str = ""
    region: str = ""
    hire_date: date | None = None
    email: str = ""


STAFF = [
    DemoAccount("admin", "系统管理员", roles.ADMINISTRATOR, department="信息技术部", region="上海"),
    DemoAccount("trainer", "李培训", roles.TRAINER, "T0001", "培训中心", "上海", date(2019, 3, 1)),
    DemoAccount(
        "trainer2", "周讲师", roles.TRAINER, "T0002", "培训中心", "广州", date(2020, 9, 14)
    ),
    DemoAccount(
        "assessor", "张考核", roles.ASSESSOR, "A0001", "售后服务部", "上海", date(2016, 5, 9)
    ),
]

# The heads of the demo organisation (people/demo.py places them): the service director, two
# regional heads and four station managers.
MANAGERS = [
    DemoAccount(
        "director", "钱志远", roles.MANAGER, "E0001", "售后服务部", "上海", date(2012, 4, 1)
    ),
    DemoAccount(
        "region-east", "孙建国", roles.MANAGER, "E0100", "售后服务部", "华东·上海", date(2014, 6, 3)
    ),
    DemoAccount(
        "manager", "马强", roles.MANAGER, "E0101", "售后服务部", "华东·上海", date(2017, 3, 6)
    ),
    DemoAccount(
        "manager2", "林芳", roles.MANAGER, "E0102", "售后服务部", "华东·杭州", date(2018, 8, 20)
    ),
    DemoAccount(
        "region-north",
        "何丽华",
        roles.MANAGER,
        "E0200",
        "售后服务部",
        "华北·北京",
        date(2013, 9, 2),
    ),
    DemoAccount(
        "manager3", "高远", roles.MANAGER, "E0201", "售后服务部", "华北·北京", date(2016, 11, 14)
    ),
    DemoAccount(
        "manager4", "宋涛", roles.MANAGER, "E0202", "售后服务部", "华北·天津", date(2019, 2, 25)
    ),
]

LEARNERS = [
    DemoAccount(
        "learner", "王小明", roles.LEARNER, "E1001", "售后服务部", "华东·上海", date(2026, 7, 1)
    ),
    DemoAccount(
        "learner02", "李娜", roles.LEARNER, "E1002", "售后服务部", "华东·上海", date(2026, 7, 1)
    ),
    DemoAccount(
        "learner03", "张伟", roles.LEARNER, "E1003", "售后服务部", "华东·上海", date(2026, 7, 8)
    ),
    DemoAccount(
        "learner04", "刘洋", roles.LEARNER, "E1004", "售后服务部", "华东·杭州", date(2026, 7, 8)
    ),
    DemoAccount(
        "learner05", "陈静", roles.LEARNER, "E1005", "售后服务部", "华东·杭州", date(2026, 7, 15)
    ),
    DemoAccount(
        "learner06", "杨帆", roles.LEARNER, "E1006", "售后服务部", "华东·杭州", date(2026, 7, 15)
    ),
    DemoAccount(
        "learner07", "赵磊", roles.LEARNER, "E1007", "售后服务部", "华北·北京", date(2026, 7, 22)
    ),
    DemoAccount(
        "learner08", "黄敏", roles.LEARNER, "E1008", "售后服务部", "华北·北京", date(2026, 7, 22)
    ),
    DemoAccount(
        "learner09", "周杰", roles.LEARNER, "E1009", "售后服务部", "华北·北京", date(2026, 8, 3)
    ),
    DemoAccount(
        "learner10", "吴婷", roles.LEARNER, "E1010", "售后服务部", "华北·天津", date(2026, 8, 3)
    ),
    DemoAccount(
        "learner11", "徐刚", roles.LEARNER, "E1011", "售后服务部", "华北·天津", date(2026, 8, 10)
    ),
    DemoAccount(
        "learner12", "孙丽", roles.LEARNER, "E1012", "售后服务部", "华北·天津", date(2026, 8, 10)
    ),
]


def load(*, password: str | None, stdout) -> None:
    User = get_user_model()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_GROUPS}
    created_count = 0
    accounts = {}
    for account in STAFF + MANAGERS + LEARNERS:
        user, created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "display_name": account.display_name,
                "employee_id": account.employee_id,
                "department": account.department,
                "region": account.region,
                "hire_date": account.hire_date,
                "email": account.email or f"{account.username}@academy.example.com",
                "is_staff": account.role == roles.ADMINISTRATOR,
                "is_superuser": account.role == roles.ADMINISTRATOR,
                "is_active": True,
            },
        )
        if created or password:
            user.set_password(password or DEFAULT_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(groups[account.role])
        accounts[account.username] = user
        created_count += created
    stdout.write(
        f"  accounts: {created_count} created, {len(accounts) - created_count} already there"
    )


def logins(password: str | None) -> list[tuple[str, str, str]]:
    """(username, password, role) of each demo login, for the start-up banner."""
    shown = password or DEFAULT_PASSWORD
    heads = [a.username for a in MANAGERS if not a.username.startswith("manager")]
    return (
        [(a.username, shown, a.role) for a in STAFF]
        + [(", ".join(heads), shown, roles.MANAGER), ("manager … manager4", shown, roles.MANAGER)]
        + [("learner … learner12", shown, roles.LEARNER)]
    )

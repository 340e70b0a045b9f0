"""The notification service's part of ``load_demo_data`` (runs after the other apps' demos).

The demo learners' inboxes fill by themselves: the exam, case, scorecard and certificate demos
go through the same services as the site, and those tell the learners (exam graded, case report
returned or graded, scorecard ready, certificate revoked). This part adds the demo group robot:
a WeCom robot posting to the local sink of ``manage.py robot_sink`` (http://127.0.0.1:8025/),
which prints what it would post. The demo organisation's head office names it (people's demo
makes it first, through ``notifications.api.demo_robot``); other units name a robot in /cms/.

Idempotent: a second run finds the robot.
"""

from __future__ import annotations

from notifications.management.commands.robot_sink import DEFAULT_PORT
from notifications.models import Notification, Robot

DEMO_ROBOT = "演示群机器人（本地）"


def demo_robot() -> Robot:
    """The demo's WeCom robot, posting to the local sink (made on first use)."""
    return Robot.objects.get_or_create(
        name=DEMO_ROBOT,
        defaults={
            "platform": Robot.Platform.WECOM,
            "webhook_url": f"http://127.0.0.1:{DEFAULT_PORT}/wecom",
        },
    )[0]


def load(*, password: str | None, stdout) -> None:
    robot = demo_robot()
    inboxes = Notification.objects.values("recipient").distinct().count()
    stdout.write(
        f"  notifications: {inboxes} inboxes, robot “{robot.name}” "
        "(make run writes its posts to var/robot-posts.log; manage.py robot_sink prints them)"
    )

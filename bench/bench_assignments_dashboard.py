"""The learner dashboard led by the to-do list: 50 assignments and 200 notifications in the
inbox (issue 16's budget: median < 50 ms; issue 17 part 6: 15 ms; the constant number of
queries is a test, tests/assignments/test_todo.py), and the learner's scorecard page (issue 17
part 6: 20 ms)."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assignments import selectors
from assignments.models import Assignment
from bench.common import report_page, report_times, signed_in, time_get
from cases.models import PracticeCase
from courses.models import CoursePage
from exams.models import Quiz
from notifications.models import Notification

ASSIGNMENTS = 50
NOTIFICATIONS = 200


def _targets():
    """The demo's courses, quizzes and cases, in turn."""
    kinds = [
        (Assignment.Kind.COURSE, "course", list(CoursePage.objects.live())),
        (Assignment.Kind.EXAM, "quiz", list(Quiz.objects.filter(draft=False))),
        (Assignment.Kind.CASE, "case", list(PracticeCase.objects.all())),
    ]
    kinds = [kind for kind in kinds if kind[2]]
    n = 0
    while True:
        kind, field, rows = kinds[n % len(kinds)]
        yield kind, field, rows[(n // len(kinds)) % len(rows)]
        n += 1


def _assign(learner, count: int) -> None:
    now = timezone.now()
    targets = _targets()
    for n in range(count):
        kind, field, target = next(targets)
        due_at = now + timedelta(days=n - 20, hours=3)  # 20 past due, 30 to come
        assignment = Assignment.objects.create(
            kind=kind,
            **{field: target},
            start_at=due_at - timedelta(days=10 if n % 5 else 3),  # a few not open yet
            due_at=due_at,
            note="按时完成" if n % 4 == 0 else "",
        )
        assignment.people.add(learner)


def run():
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    learner = get_user_model().objects.get(username="learner")
    _assign(learner, max(0, ASSIGNMENTS - selectors.assignments_for(learner).count()))
    have = Notification.objects.filter(recipient=learner).count()
    Notification.objects.bulk_create(
        Notification(
            recipient=learner, event="bench", item=f"bench:{n}", title=f"通知 {n}", url="/inbox/"
        )
        for n in range(max(0, NOTIFICATIONS - have))
    )
    client = signed_in(learner)
    url = "/dashboard/learner/"
    name = f"learner dashboard, {ASSIGNMENTS} assignments and {NOTIFICATIONS} notifications"
    report_times(name, time_get(client, url), "< 50 ms", "< 150 ms")
    report_page(client, name, url, 15)
    scorecard = reverse(
        "assessment:scorecard",
        kwargs={"code": "ASE-L1", "period": "2026-Q3", "employee_id": learner.employee_id},
    )
    report_page(client, "scorecard page (the learner's own)", scorecard, 20)

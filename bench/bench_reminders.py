"""Reminders (issue 16): ``send_reminders`` over 10,000 people and 20 assignments, in under 30 s.

Ten cohorts of 1,000 learners, each learner in a unit with a group robot and reporting to one
of 100 managers; 20 assignments (16 exams and 4 courses) given to every cohort: five just
started, five due in two days, five a day overdue, five three days overdue (their managers are
told); a fifth of the learners finished the course. The first run tells everyone: about 400,000
notifications, each with its email and group-robot deliveries queued for the workers
(the database task backend, as in production; the sending is the workers' work, not this
run's). The second run, with nothing left to send, is what a run every minute costs.
"""

import time
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from bench.common import report

PEOPLE = 10_000
COHORTS = 10
MANAGERS = 100
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def build():
    from django.contrib.auth import get_user_model

    from assignments.models import Assignment
    from courses.models import LessonCompletion
    from exams.models import Quiz
    from notifications.models import Robot
    from people.models import OrgUnit, Placement
    from tests.courses.factories import completions, lessons_of, make_cohort, make_course

    User = get_user_model()
    managers = User.objects.bulk_create(
        User(username=f"rm-boss{i}", employee_id=f"RM{i:03d}", email=f"boss{i}@example.com")
        for i in range(MANAGERS)
    )
    people = User.objects.bulk_create(
        User(
            username=f"rm{i:05d}",
            employee_id=f"R{i:05d}",
            email=f"r{i}@example.com",
            manager=managers[i % MANAGERS],
        )
        for i in range(PEOPLE)
    )
    units = []
    for i in range(COHORTS):
        robot = Robot.objects.create(
            name=f"bench robot {i}", platform="wecom", webhook_url=f"https://example.invalid/{i}"
        )
        units.append(OrgUnit.objects.create(path=f"bench-reminders/{i}", name=str(i), robot=robot))
    Placement.objects.bulk_create(
        Placement(user=person, unit=units[i % COHORTS]) for i, person in enumerate(people)
    )
    course = make_course(slug="bench-reminders", modules=1, lessons=2)
    LessonCompletion.objects.bulk_create(
        completions((person, lesson) for person in people[::5] for lesson in lessons_of(course))
    )
    cohorts = [
        make_cohort(course=course, learners=people[i::COHORTS], name=f"bench-reminders-{i}")
        for i in range(COHORTS)
    ]
    now = timezone.now()
    for i in range(20):
        due = now + timedelta(days=(10, 2, -1, -3)[i % 4])
        if i % 5 == 0:
            target = {"kind": "course", "course": course}
        else:
            quiz = Quiz.objects.create(title=f"测验 {i}", slug=f"bench-reminders-{i}")
            target = {"kind": "exam", "quiz": quiz}
        assignment = Assignment.objects.create(
            **target, start_at=now - timedelta(days=5), due_at=due
        )
        assignment.cohorts.add(*cohorts)


def run():
    from assignments.reminders import send_reminders
    from notifications.models import Delivery, Notification

    build()
    with override_settings(TASKS=DATABASE_TASKS):
        start = time.perf_counter()
        rows = send_reminders(now=timezone.now())
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = send_reminders(now=timezone.now())
        second = time.perf_counter() - start
    assert again == [], len(again)
    print(
        f"  {Notification.objects.count()} notifications, {Delivery.objects.count()} deliveries, "
        f"{len(rows)} rows"
    )
    report("send_reminders", first, "s", "30 s")
    report("send_reminders, nothing due", second, "s", "—")

"""send_reminders: who is told what and when (assigned, due soon, overdue to the learner and
then their manager), once however often it runs, nothing in a dry run, and the command's
output and errors."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from assignments import notices, reminders
from assignments.notices import ASSIGNED, DUE_SOON, OVERDUE
from courses.models import LessonCompletion
from notifications.bulk import Notice, _channels, _claim, _insert_deliveries
from notifications.models import Delivery, Notification
from notifications.services import notify
from tests.assignments.factories import assign
from tests.courses.factories import completions, lessons_of, make_cohort, make_course
from tests.factories import LearnerFactory, UserFactory
from tests.notifications.conftest import make_robot, place, sink  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def reminder_settings(settings):
    settings.ASSIGNMENTS_DUE_SOON_DAYS = [3, 1]
    settings.ASSIGNMENTS_OVERDUE_MANAGER_DAYS = 2


@pytest.fixture
def course():
    return make_course(modules=1, lessons=2)


@pytest.fixture
def team(course):
    """A cohort of three learners with one manager; ``done`` finished the course."""
    manager = UserFactory(username="boss", display_name="张经理", employee_id="M0001")
    todo, done, other = (
        LearnerFactory(username=name, manager=manager) for name in ("todo", "done", "other")
    )
    LessonCompletion.objects.bulk_create(
        completions([(done, lesson) for lesson in lessons_of(course)])
    )
    cohort = make_cohort(course=course, learners=[todo, done, other])
    return {"manager": manager, "todo": todo, "done": done, "other": other, "cohort": cohort}


def told(user) -> list[tuple[str, str, str]]:
    return sorted(user.notifications.values_list("event", "item", "stage"))


def run(now, **kwargs):
    return reminders.send_reminders(now=now, **kwargs)


def test_stages_fall_due_at_their_boundaries():
    start = timezone.now()
    due = start + 10 * DAY

    def at(moment):
        return reminders.stages_due(
            start=start, due=due, now=moment, due_soon_days=[3, 1], manager_after=2
        )

    assert at(start - timedelta(seconds=1)) == []
    assert at(start) == [(ASSIGNED, "")]
    assert at(due - 3 * DAY - timedelta(seconds=1)) == [(ASSIGNED, "")]
    assert at(due - 3 * DAY) == [(ASSIGNED, ""), (DUE_SOON, "3")]
    assert at(due - DAY) == [(ASSIGNED, ""), (DUE_SOON, "1")]
    assert at(due - timedelta(seconds=1)) == [(ASSIGNED, ""), (DUE_SOON, "1")]
    assert at(due) == [(ASSIGNED, ""), (OVERDUE, "learner")]
    assert at(due + 2 * DAY - timedelta(seconds=1)) == [(ASSIGNED, ""), (OVERDUE, "learner")]
    assert at(due + 2 * DAY) == [(ASSIGNED, ""), (OVERDUE, "learner"), (OVERDUE, "manager")]


def test_learners_are_told_as_the_dates_pass_and_the_manager_after_two_days(course, team):
    assignment = assign(course, cohorts=[team["cohort"]], start_in=-1, due_in=10)
    item = f"assignment:{assignment.pk}"
    now = timezone.now()
    run(now)
    assert told(team["todo"]) == [(ASSIGNED, item, "")]
    run(assignment.due_at - 3 * DAY)
    run(assignment.due_at - DAY)
    run(assignment.due_at)
    assert told(team["todo"]) == [
        (ASSIGNED, item, ""),
        (DUE_SOON, item, "1"),
        (DUE_SOON, item, "3"),
        (OVERDUE, item, "learner"),
    ]
    assert told(team["manager"]) == []
    run(assignment.due_at + 2 * DAY - timedelta(minutes=1))
    assert told(team["manager"]) == []
    run(assignment.due_at + 2 * DAY)
    # One per late person: the manager hears about todo and other, never about done.
    assert told(team["manager"]) == sorted(
        [
            (OVERDUE, f"{item}:person:{team['other'].pk}", "manager"),
            (OVERDUE, f"{item}:person:{team['todo'].pk}", "manager"),
        ]
    )
    assert told(team["done"]) == []


def test_a_late_run_sends_only_the_nearest_due_soon_reminder(course, team):
    assignment = assign(course, people=[team["todo"]], start_in=-1, due_in=10)
    run(assignment.due_at - timedelta(hours=12))
    assert told(team["todo"]) == [
        (ASSIGNED, f"assignment:{assignment.pk}", ""),
        (DUE_SOON, f"assignment:{assignment.pk}", "1"),
    ]


def test_nothing_before_the_start_and_nothing_for_deactivated_people(course, team):
    assignment = assign(course, cohorts=[team["cohort"]], start_in=1, due_in=10)
    assert run(timezone.now()) == []
    team["todo"].is_active = False
    team["todo"].save()
    team["manager"].is_active = False
    team["manager"].save()
    run(assignment.due_at + 3 * DAY)
    assert told(team["todo"]) == []
    assert told(team["manager"]) == []
    assert {e for e, _i, _s in told(team["other"])} == {ASSIGNED, OVERDUE}


def test_run_twice_sends_once(course, team):
    assign(course, cohorts=[team["cohort"]], due_in=0.5)
    mail.outbox.clear()
    first = run(timezone.now())
    assert {(r.username, r.event, r.channel) for r in first} == {
        (name, event, channel)
        for name in ("todo", "other")
        for event in (ASSIGNED, DUE_SOON)
        for channel in ("inbox", "email")
    }
    assert len(mail.outbox) == 4
    assert run(timezone.now()) == []
    assert len(mail.outbox) == 4
    assert Notification.objects.count() == 4


def test_a_dry_run_lists_what_would_go_out_and_writes_nothing(course, team):
    assign(course, cohorts=[team["cohort"]], start_in=-5, due_in=-3)
    mail.outbox.clear()
    planned = run(timezone.now(), dry_run=True)
    assert Notification.objects.count() == 0 and Delivery.objects.count() == 0
    assert mail.outbox == []
    assert run(timezone.now()) == planned


def test_the_json_output_is_a_list_of_exactly_four_keys(course, team):
    assignment = assign(course, people=[team["todo"]], due_in=5)
    out = io.StringIO()
    call_command("send_reminders", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == [
        {
            "employee_id": team["todo"].employee_id,
            "event": ASSIGNED,
            "item": f"assignment:{assignment.pk}",
            "channel": channel,
        }
        for channel in ("email", "inbox")
    ]
    out = io.StringIO()
    call_command("send_reminders", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == []


def test_the_table_has_a_total_and_now_can_be_given(course, team):
    assignment = assign(course, people=[team["todo"]], due_in=5)
    out = io.StringIO()
    later = timezone.localtime(assignment.due_at + DAY).isoformat()
    call_command("send_reminders", "--dry-run", "--now", later, stdout=out)
    text = out.getvalue()
    assert f"{team['todo'].employee_id}\ttodo\t{OVERDUE}\tassignment:{assignment.pk}\temail" in text
    assert "Total: 4 deliveries would be sent to 1 people (email 2, inbox 2)." in text
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "xml"], "--format must be table or json"),
        (["--now", "yesterday"], "--now must be an ISO 8601 date and time"),
    ],
)
def test_bad_arguments_are_refused_clearly(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("send_reminders", *arguments)
    result = subprocess.run(  # noqa: S603 — our own command, as cron runs it
        [sys.executable, "manage.py", "send_reminders", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_a_robot_answering_500_is_logged_and_the_other_channels_are_delivered(
    course,
    team,
    sink,  # noqa: F811 — the fixture
    caplog,
):
    place(team["todo"], make_robot(sink, "/fail"))
    assign(course, people=[team["todo"]], due_in=5)
    mail.outbox.clear()
    with caplog.at_level(logging.WARNING, logger="notifications.services"):
        sent = run(timezone.now())
    robot = Delivery.objects.get(channel="robot")
    assert {r.channel for r in sent} == {"inbox", "email", f"robot:{robot.robot_id}"}
    assert len(sink.on("/fail")) == 1
    assert robot.status == Delivery.Status.RETRYING and "500" in robot.last_error
    assert "failed" in caplog.text
    assert Delivery.objects.get(channel="email").status == Delivery.Status.SENT
    assert len(mail.outbox) == 1
    assert team["todo"].notifications.count() == 1


def test_a_run_that_finds_its_notices_written_by_another_run_sends_only_the_rest(team):
    """Two runs at once: both found nobody told, the other wrote first. The chunk's insert is
    refused; it goes one notice at a time and sends only what it wrote itself."""
    notices = [
        Notice(recipient_id=team[n].pk, event=ASSIGNED, item="assignment:1", title="课", url="/")
        for n in ("todo", "other")
    ]
    notify(recipient=team["todo"], event=ASSIGNED, item="assignment:1", title="课", url="/")
    with transaction.atomic():
        owned = _claim(notices)
        channels = _channels({team["todo"].pk, team["other"].pk}, {ASSIGNED})
        delivery_ids = _insert_deliveries(owned, channels)
    assert [notice for notice, _pk in owned] == notices[1:]
    assert Notification.objects.filter(item="assignment:1").count() == 2
    assert Delivery.objects.filter(notification__recipient=team["todo"]).count() == 1
    assert list(Delivery.objects.filter(pk__in=delivery_ids).values_list("target", flat=True)) == [
        team["other"].email
    ]


def test_emails_are_in_the_recipients_language(course, team):
    team["todo"].language = "en"
    team["todo"].save()
    assignment = assign(course, people=[team["todo"]], start_in=-5, due_in=-1)
    mail.outbox.clear()
    run(timezone.now())
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        f"New work for you: {course.title}, due {timezone.localtime(assignment.due_at):%Y-%m-%d}",
        f"Overdue: {course.title}",
    ]
    # The link leads to the work itself.
    assert Notification.objects.get(event=OVERDUE).url == course.get_url()


def test_a_group_robot_posts_one_digest_per_reminder_naming_everyone(
    course,
    sink,  # noqa: F811 — the fixture
    settings,
):
    """A unit's robot hears about a reminder once, with the people's names (the first 20 and
    how many more), not once per person; a newcomer later gets a digest of their own."""
    robot = make_robot(sink, "/ok")
    people = [LearnerFactory(display_name=f"工程师{i:02d}") for i in range(23)]
    for person in people:
        place(person, robot)
    assignment = assign(course, people=people, due_in=5)
    sent = run(timezone.now())

    assert sum(r.channel == f"robot:{robot.pk}" for r in sent) == 23  # each person's row
    posts = sink.on("/ok")
    assert len(posts) == 1
    text = posts[0].body["markdown"]["content"]
    assert "工程师00、工程师01" in text and "工程师19" in text and "工程师20" not in text
    assert "等另外 3 人" in text
    assert Delivery.objects.filter(channel="robot").count() == 1

    newcomer = LearnerFactory(display_name="新同事")
    place(newcomer, robot)
    assignment.people.add(newcomer)
    run(timezone.now())
    assert len(sink.on("/ok")) == 2
    assert "新同事" in sink.on("/ok")[1].body["markdown"]["content"]
    run(timezone.now())
    assert len(sink.on("/ok")) == 2  # run again: nothing more


def test_titles_count_the_days_really_left_and_a_manager_reads_the_persons_name(course, team):
    """A run a day late sends the 3-day reminder with 2 days left: it says 2. The manager's
    overdue notice names the late person, not only their employee id."""
    team["todo"].display_name, team["todo"].employee_id = "王小明", "E1001"
    team["todo"].save()
    assignment = assign(course, people=[team["todo"]], start_in=-1, due_in=10)
    run(assignment.due_at - 2 * DAY)
    soon = team["todo"].notifications.get(event=DUE_SOON)
    assert soon.stage == "3" and "2 天后截止" in soon.title
    run(assignment.due_at + 3 * DAY)
    late = team["manager"].notifications.get(event=OVERDUE)
    assert late.title.startswith("王小明（E1001）：")
    person = reminders._Who({"employee_id": "E1001", "username": "todo", "display_name": "王小明"})
    english = notices.titles(
        OVERDUE, "manager", notices.Target("课程", "Course", "/", "/"), assignment.due_at, person
    )["title_en"]
    assert english.startswith("todo (E1001): Course is overdue")  # no Chinese on English pages

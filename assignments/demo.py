"""Demo assignments: the onboarding cohort's work with due dates around today (decision 0803).

- the onboarding course, to the cohort, due in 2 days (some learners have finished it);
- the practice case "alarm after repair", to the cohort, due in 2 days (most have handed in);
- the module 3 knowledge check, to the East region (华东大区), due 3 days ago: overdue for
  those who have not passed it, but learner02, away supporting Hangzhou, has a week more;
- the level 1 certification exam, to the whole service department, due in about 3 weeks.

So the first demo learner (王小明) has something done (the case), something due soon (the
course) and something overdue (the knowledge check). Runs after the other apps' demos
(``assignments`` comes after ``certificates`` in INSTALLED_APPS); idempotent: an assignment of
the same target by the same person is left as it is, with its dates.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments.models import Assignment, DeadlineOverride
from assignments.reminders_demo import load_reminders
from cases import api as cases
from courses import api as courses
from exams import api as exams
from lms import organisation

# Names the other apps' demos give (courses/demo.py, cases/demo.py, exams/demo.py,
# people/demo.py).
COHORT_NAME = "2026年7月新员工入职班"
CASE_SLUG = "case-alarm-after-repair"
KNOWLEDGE_CHECK_SLUG = "kc-module-3"
CERTIFICATION_SLUG = "ase-l1-certification"
EAST_REGION = "售后服务部/华东大区"
DEPARTMENT = "售后服务部"
OVERRIDE_FOR = "learner02"
OVERRIDE_REASON = "外派支援杭州站两周，知识检测延期一周。"


def load(*, password: str | None, stdout) -> None:
    User = get_user_model()
    users = User.objects.in_bulk(
        ["trainer", "trainer2", "assessor", OVERRIDE_FOR], field_name="username"
    )
    cohort = next((c for c in courses.cohorts() if c.name == COHORT_NAME), None)
    units = {unit.path: unit.id for unit in organisation.units()}
    if "trainer" not in users or cohort is None:
        stdout.write("  assignments: skipped (run the accounts and courses demos first)")
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    trainer, assessor = users["trainer"], users.get("assessor") or users["trainer"]
    made = 0
    course = courses.CoursePage.objects.filter(pk=cohort.course_id).first()
    if course is not None:
        made += _assign(
            "course",
            course,
            by=trainer,
            cohorts=[cohort.id],
            start=now - timedelta(days=30),
            due=now + timedelta(days=2),
            note="入职课程请在入职班结束前学完全部课时。",
        )
    case = cases.PracticeCase.objects.filter(slug=CASE_SLUG).first()
    if case is not None:
        made += _assign(
            "case",
            case,
            by=users.get("trainer2") or trainer,
            cohorts=[cohort.id],
            start=now - timedelta(days=20),
            due=now + timedelta(days=2),
            note="按八步法写完整报告，附上报警日志的分析。",
        )
    check = exams.Quiz.objects.filter(slug=KNOWLEDGE_CHECK_SLUG).first()
    if check is not None and EAST_REGION in units:
        made += _assign(
            "quiz",
            check,
            by=trainer,
            units=[units[EAST_REGION]],
            start=now - timedelta(days=14),
            due=now - timedelta(days=3),
            note="模块三学完后完成本节知识检测，60 分及格。",
        )
        _override(check, users.get(OVERRIDE_FOR), by=trainer, due=now + timedelta(days=4))
    exam = exams.Quiz.objects.filter(slug=CERTIFICATION_SLUG).first()
    if exam is not None and DEPARTMENT in units:
        made += _assign(
            "quiz",
            exam,
            by=assessor,
            units=[units[DEPARTMENT]],
            start=now - timedelta(days=7),
            due=now + timedelta(days=21),
            note="一级认证考试，共两次机会。",
        )
    stdout.write(
        f"  assignments: {made} created, {Assignment.objects.count()} in all, "
        f"{DeadlineOverride.objects.count()} deadline overrides"
    )
    # Last, the reminders these assignments call for: every demo learner's inbox (0805).
    load_reminders(stdout=stdout)


KINDS = {
    "course": Assignment.Kind.COURSE,
    "quiz": Assignment.Kind.EXAM,
    "case": Assignment.Kind.CASE,
}


def _assign(field, target, *, by, start, due, note, cohorts=(), units=()) -> int:
    """The assignment of ``target`` by ``by``, made if missing; 1 when made."""
    found = Assignment.objects.filter(**{field: target}, created_by=by).first()
    if found is not None:
        return 0
    assignment = Assignment.objects.create(
        kind=KINDS[field],
        **{field: target},
        start_at=start,
        due_at=due,
        note=note,
        created_by=by,
        created_at=start,
    )
    assignment.cohorts.add(*cohorts)
    assignment.units.add(*units)
    return 1


def _override(quiz, user, *, by, due) -> None:
    assignment = Assignment.objects.filter(quiz=quiz, created_by=by).first()
    if assignment is None or user is None:
        return
    DeadlineOverride.objects.get_or_create(
        assignment=assignment,
        user=user,
        defaults={"due_at": due, "reason": OVERRIDE_REASON, "granted_by": by},
    )

"""The learner's to-do list: what is due in order, overdue and due soon, what comes up, what
was done lately (assignments.todo), and the dashboard panel that shows it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assignments import selectors, todo
from assignments.todo import Item
from courses.models import LessonCompletion
from notifications.models import Notification
from tests.assignments.factories import assign
from tests.cases.factories import PracticeCaseFactory, submitted_report
from tests.courses.factories import completions, lessons_of, make_cohort, make_course
from tests.exams.factories import QuizFactory, graded_attempt
from tests.factories import LearnerFactory

# Noon in Shanghai (the site's time zone) on a Wednesday.
NOW = timezone.make_aware(datetime(2026, 12, 9, 12, 0))


def item(n, *, due, start=-10.0, state=selectors.TODO, kind="exam") -> Item:
    """Assignment ``n`` due ``due`` days after NOW, open since ``-start`` days."""
    return Item(
        assignment_id=n,
        kind=kind,
        kind_label=kind,
        title=f"item {n}",
        url=f"/{n}/",
        start_at=NOW + timedelta(days=start),
        due_at=NOW + timedelta(days=due),
        state=state,
    )


def ids(entries):
    return [entry.item.assignment_id for entry in entries]


def test_what_is_due_comes_in_due_order_overdue_first():
    arranged = todo.arrange(
        [item(1, due=5), item(2, due=-2), item(3, due=0.1), item(4, due=-0.1, state="started")],
        now=NOW,
    )
    assert ids(arranged.due) == [2, 4, 3, 1]
    assert [e.overdue for e in arranged.due] == [True, True, False, False]
    assert arranged.overdue == 2


def test_due_soon_is_today_to_the_day_after_tomorrow_in_the_sites_time_zone():
    # 23:30 tomorrow in Shanghai is one calendar day away; 00:30 three days on is three.
    tomorrow_late = item(1, due=1 + 11.5 / 24)
    three_days = item(2, due=2 + 12.5 / 24)
    arranged = todo.arrange([tomorrow_late, three_days, item(3, due=2)], now=NOW)
    soon = {e.item.assignment_id: (e.due_soon, e.days_left) for e in arranged.due}
    assert soon == {1: (True, 1), 3: (True, 2), 2: (False, 3)}


def test_handed_in_work_waiting_for_marking_is_not_overdue():
    arranged = todo.arrange([item(1, due=-3, state=selectors.WAITING)], now=NOW)
    (entry,) = arranged.due
    assert not entry.overdue and not entry.due_soon


def test_what_has_not_opened_yet_comes_after_by_start_date():
    arranged = todo.arrange(
        [item(1, due=20, start=5), item(2, due=9, start=3), item(3, due=30)], now=NOW
    )
    assert ids(arranged.due) == [3]
    assert ids(arranged.upcoming) == [2, 1]
    assert [e.opens_in for e in arranged.upcoming] == [3, 5]


def test_done_items_due_in_the_last_two_weeks_are_listed_older_ones_counted():
    arranged = todo.arrange(
        [
            item(1, due=-3, state=selectors.DONE),
            item(2, due=4, state=selectors.DONE),
            item(3, due=-todo.RECENT_DAYS, state=selectors.DONE),
            item(4, due=-todo.RECENT_DAYS - 1, state=selectors.DONE),
        ],
        now=NOW,
    )
    assert ids(arranged.done) == [2, 1, 3]
    assert arranged.older_done == 1
    assert arranged.due == [] and not arranged.empty
    assert not any(e.overdue for e in arranged.done)


def test_nothing_assigned_is_empty():
    assert todo.arrange([], now=NOW).empty


@pytest.mark.parametrize(
    ("days", "overdue", "label"),
    [
        (0, False, "due today"),
        (1, False, "due tomorrow"),
        (2, False, "due in 2 days"),
        (0, True, "overdue: was due today"),
        (-1, True, "1 day overdue"),
        (-3, True, "3 days overdue"),
        (-3, False, "was due 3 days ago"),
    ],
)
def test_due_labels_in_english(english, days, overdue, label):
    assert todo.due_label(days, overdue=overdue) == label


# --- The dashboard panel -------------------------------------------------------------------------


def panel(client, language="en"):
    client.cookies["lms_language"] = language
    html = client.get("/dashboard/learner/").content.decode()
    return html, section_of(html, "panel-todo")


def served_again(client) -> tuple[str, list[str]]:
    """The learner dashboard served a second time (what the shared cache keeps is filled by
    the first) and the SQL of that second request."""
    client.get("/dashboard/learner/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/dashboard/learner/").content.decode()
    return html, [q["sql"] for q in queries.captured_queries]


def section_of(html: str, testid: str) -> str:
    """The dashboard panel ``testid`` of a page, up to the end of its section."""
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_the_learner_dashboard_leads_with_the_to_do_list(learner_client, learner):
    quiz = QuizFactory(title="故障诊断考试", title_en="Fault diagnosis exam")
    assign(quiz, people=[learner], due_in=-2, start_in=-9, note="先复习第三章")
    assign(
        PracticeCaseFactory(title="空调案例", title_en="Air conditioner case"),
        people=[learner],
        due_in=1.5,
    )
    assign(make_course(title="入职课程", slug="intro"), people=[learner], due_in=3, start_in=2)
    html, section = panel(learner_client)
    assert html.index('data-testid="panel-todo"') < html.index('data-testid="panel-my-courses"')
    assert section.index("Fault diagnosis exam") < section.index("Air conditioner case")
    assert "Overdue" in section and "2 days overdue" in section
    assert "due tomorrow" in section or "due in 2 days" in section
    assert f'href="/quizzes/{quiz.slug}/"' in section
    assert "先复习第三章" in section and 'translate="no"' in section
    upcoming = section[section.index('data-testid="todo-upcoming"') :]
    assert "入职课程" in upcoming and "opens" in upcoming


@pytest.mark.django_db
def test_the_panel_is_in_chinese_on_a_chinese_page(learner_client, learner):
    assign(QuizFactory(title="故障诊断考试", title_en="Fault diagnosis exam"), people=[learner])
    _html, section = panel(learner_client, "zh-hans")
    assert "故障诊断考试" in section and "Fault diagnosis exam" not in section


@pytest.mark.django_db
def test_the_kept_rendering_changes_the_moment_the_list_does(learner_client, learner):
    """The list's HTML is kept in the cache by what it shows: a new due date, a new language
    or another reader's different list is rendered anew, never served from another's."""
    quiz = QuizFactory(title="故障诊断考试", title_en="Fault exam")
    assignment = assign(quiz, people=[learner], start_in=-9, due_in=7)
    assert "due in 7 days" in panel(learner_client)[1]
    # Noon three days ago, local time: three calendar days overdue at any hour of today.
    assignment.due_at = timezone.localtime().replace(hour=12, minute=0) - timedelta(days=3)
    assignment.save()
    _html, section = panel(learner_client)
    assert "3 days overdue" in section and "due in 7 days" not in section
    _html, chinese = panel(learner_client, "zh-hans")
    assert "故障诊断考试" in chinese and "Fault exam" not in chinese
    assert "days overdue" not in chinese
    other = LearnerFactory()
    learner_client.force_login(other)
    assert 'data-testid="todo-empty"' in panel(learner_client)[1]


@pytest.mark.django_db
def test_the_panel_says_so_when_nothing_is_assigned(learner_client):
    _html, section = panel(learner_client)
    assert 'data-testid="todo-empty"' in section


@pytest.mark.django_db
def test_a_course_links_to_its_page_and_done_work_is_collapsed(learner_client, learner):
    course = make_course(title="入职课程", slug="intro", modules=1, lessons=1)
    LessonCompletion.objects.bulk_create(completions([(learner, lessons_of(course)[0])]))
    assign(course, cohorts=[make_cohort(course=course, learners=[learner])], due_in=-1, start_in=-5)
    _html, section = panel(learner_client)
    done = section[section.index('data-testid="todo-done"') :]
    assert "入职课程" in done and course.url in done and "Overdue" not in section


@pytest.mark.django_db
def test_another_persons_assignments_never_show(learner_client, learner):
    other = LearnerFactory()
    assign(QuizFactory(title="别人的考试", title_en="Someone else's exam"), people=[other])
    _html, section = panel(learner_client)
    assert "Someone else" not in section and 'data-testid="todo-empty"' in section


def _notify(user, count, *, offset=0):
    Notification.objects.bulk_create(
        Notification(recipient=user, event="tests_ping", item=f"x:{offset + n}", title="n", url="/")
        for n in range(count)
    )


def _dashboard_queries(client) -> int:
    """Queries of the dashboard served again: the first request after the data changed fills
    the shared cache with what is the same for every reader (decision 0904)."""
    assert client.get("/dashboard/learner/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/learner/").status_code == 200
    return len(queries.captured_queries)


def _assign_mixed(learner, count, *, offset=0):
    course = make_course(title="课程", slug=f"course-{offset}", modules=1, lessons=1)
    cohort = make_cohort(course=course, learners=[learner], name=f"班{offset}")
    targets = [course, QuizFactory, PracticeCaseFactory]
    for n in range(count):
        target = targets[n % 3]
        target = target() if callable(target) else target
        assign(
            target,
            cohorts=[cohort] if n % 2 else [],
            people=[learner],
            start_in=-10,
            due_in=n - 3,
        )


@pytest.mark.django_db
def test_the_dashboard_runs_as_many_queries_with_50_assignments_and_200_notices_as_with_5(
    learner_client, learner
):
    _assign_mixed(learner, 5)
    _notify(learner, 20)
    learner_client.get("/dashboard/learner/")  # warm the session and the site's root paths
    few = _dashboard_queries(learner_client)
    _assign_mixed(learner, 45, offset=1)
    _notify(learner, 180, offset=20)
    many = _dashboard_queries(learner_client)
    # 17 before the exams' reads and the lesson completions were shared between the panels
    # (decision 0904, fourth round); 14 before the assignments and their dates were kept in
    # the cache, 12 before the published quizzes were, 11 before the open cases were (fifth
    # round: test_kept_rows.py, tests/exams/test_published.py, tests/cases/test_open_cases.py).
    assert many == few == 10


def test_the_dashboard_shows_the_first_items_and_counts_the_rest():
    many = [item(n, due=n - 12) for n in range(30)] + [
        item(100 + n, due=40, start=n + 1) for n in range(7)
    ]
    arranged = todo.arrange(many, now=NOW)
    short = todo.shorten(arranged, due=10, upcoming=5)
    assert ids(short.due) == list(range(10))  # the most overdue first
    assert ids(short.upcoming) == [100, 101, 102, 103, 104]
    assert short.more == 20 + 2
    assert short.overdue == arranged.overdue == 12


@pytest.mark.django_db
def test_show_all_lists_every_item_the_dashboard_left_out(learner_client, learner):
    for n in range(todo.SHOWN_DUE + 2):
        assign(QuizFactory(title_en=f"Exam {n:02d}"), people=[learner], due_in=n + 1)
    _html, section = panel(learner_client)
    assert section.count('data-testid="todo-item"') == todo.SHOWN_DUE
    assert "Show 2 more" in section and "Exam 11" not in section
    learner_client.cookies["lms_language"] = "en"
    html = learner_client.get("/dashboard/learner/?todo=all").content.decode()
    assert html.count('data-testid="todo-item"') == todo.SHOWN_DUE + 2


@pytest.mark.django_db
def test_the_dashboard_reads_the_learners_case_reports_once_and_anew_on_each_request(
    learner_client, learner
):
    """The to-do list and the practice-case panel share one read of the learner's case reports
    (``lms.request_memo``); the next request reads them again, so both show a report handed in
    between two requests."""
    case = PracticeCaseFactory(title="空调案例", title_en="Air conditioner case")
    assign(case, people=[learner], start_in=-1, due_in=3)
    learner_client.cookies["lms_language"] = "en"
    html, sql = served_again(learner_client)
    assert len([s for s in sql if 'FROM "cases_casesubmission"' in s]) == 1
    assert "Not started" in section_of(html, "panel-my-cases")
    assert "Waiting for marking" not in panel(learner_client)[1]

    submitted_report(case, learner)
    html, todo_section = panel(learner_client)
    assert "Being marked" in section_of(html, "panel-my-cases")
    assert "Waiting for marking" in todo_section


@pytest.mark.django_db
def test_the_to_do_list_shows_the_dates_a_deadline_override_gives(learner_client, learner):
    """The override query is skipped for assignments no override names; one that is named by a
    personal or a unit override shows the person's own due date."""
    from tests.assignments.test_overrides import grant
    from tests.people.factories import place, unit

    place(learner, "总部/华东")
    own = assign(QuizFactory(title_en="Own exam"), people=[learner], start_in=-1, due_in=3)
    by_unit = assign(QuizFactory(title_en="Unit exam"), people=[learner], start_in=-1, due_in=4)
    assign(QuizFactory(title_en="Plain exam"), people=[learner], start_in=-1, due_in=5)
    with CaptureQueriesContext(connection) as queries:
        section = panel(learner_client)[1]
    reads = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in reads if sql.startswith('SELECT "assignments_deadlineoverride"')]
    assert "due in 3 days" in section and "due in 4 days" in section

    grant(own, user=learner, due_in=20)
    grant(by_unit, unit=unit("总部"), due_in=30)
    section = panel(learner_client)[1]
    assert "due in 20 days" in section and "due in 30 days" in section
    assert "due in 5 days" in section


@pytest.mark.django_db
def test_the_dashboard_reads_the_learners_exams_once_and_anew_on_each_request(
    learner_client, learner
):
    """The to-do list's exam results and the exams panel share one read of the published
    quizzes and one of the learner's attempts (``lms.request_memo``); the next request reads
    them again, so an exam passed between two requests shows in both panels."""

    quiz = QuizFactory(title="故障诊断考试", title_en="Fault diagnosis exam")
    assign(quiz, people=[learner], start_in=-1, due_in=3)
    learner_client.cookies["lms_language"] = "en"
    html, sql = served_again(learner_client)
    assert len([s for s in sql if 'FROM "exams_attempt"' in s]) == 1
    # The published quizzes are kept in the cache until a quiz changes (test_published.py).
    assert len([s for s in sql if 'FROM "exams_quiz"' in s]) == 0
    assert "Not started" in section_of(html, "panel-my-exams")
    assert 'data-testid="todo-done"' not in panel(learner_client)[1]

    graded_attempt(quiz, learner, percent=90)
    html, todo_section = panel(learner_client)
    assert "Passed" in section_of(html, "panel-my-exams")
    done = todo_section[todo_section.index('data-testid="todo-done"') :]
    assert "Fault diagnosis exam" in done


@pytest.mark.django_db
def test_each_item_links_to_its_own_page_as_reverse_spells_it(learner_client, learner):
    """The items' URLs are reversed once per kind with a placeholder (``personal._Urls``):
    each item still gets its own slug, quoted as ``reverse`` quotes it."""
    from django.urls import reverse

    quizzes = [QuizFactory(slug="故障-诊断"), QuizFactory(slug="plain-exam")]
    case = PracticeCaseFactory(slug="aircon")
    for target in [*quizzes, case]:
        assign(target, people=[learner], start_in=-1, due_in=3)
    _html, section = panel(learner_client)
    for quiz in quizzes:
        assert f'href="{reverse("exams:quiz_detail", kwargs={"slug": quiz.slug})}"' in section
    assert f'href="{reverse("cases:case_detail", kwargs={"slug": "aircon"})}"' in section
    assert "%E6%95%85" in section  # 故, as reverse quotes it


@pytest.mark.django_db
def test_the_dashboard_reads_the_learners_completions_once_and_anew_on_each_request(
    learner_client, learner
):
    """The to-do list's course progress and the "my courses" panel share one read of the
    learner's lesson completions (``courses.completions``); the next request reads them again,
    so a lesson completed between two requests shows in both panels."""
    course = make_course(title="入职课程", slug="intro", modules=1, lessons=2)
    assign(course, cohorts=[make_cohort(course=course, learners=[learner])], due_in=3)
    learner_client.cookies["lms_language"] = "en"
    html, sql = served_again(learner_client)
    assert len([s for s in sql if 'FROM "courses_lessoncompletion"' in s]) == 1
    assert 'aria-valuenow="0"' in section_of(html, "panel-my-courses")
    assert "50%" not in panel(learner_client)[1]

    LessonCompletion.objects.bulk_create(completions([(learner, lessons_of(course)[0])]))
    html, todo_section = panel(learner_client)
    assert 'aria-valuenow="50"' in section_of(html, "panel-my-courses")
    assert "· 50%" in todo_section

"""The calendar page: a month of due and start dates by day, a clear message for a bad month,
the feed link with how to add it, and the reset of that link (assignments.calendar, views)."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from assignments import calendar, feed
from assignments.models import Assignment
from tests.assignments.factories import assign
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory, TrainerFactory

TODAY = date(2026, 12, 9)


def test_a_month_is_read_as_year_and_month():
    assert calendar.parse_month("2027-02", today=TODAY) == date(2027, 2, 1)
    assert calendar.parse_month(None, today=TODAY) == date(2026, 12, 1)
    assert calendar.parse_month("", today=TODAY) == date(2026, 12, 1)


@pytest.mark.parametrize(
    "value", ["2026-13", "2026-00", "26-12", "2026/12", "x", "1999-12", "١٢٣٤-05"]
)
def test_anything_else_is_a_bad_month(value):
    with pytest.raises(calendar.BadMonth):
        calendar.parse_month(value, today=TODAY)


def test_months_shift_across_years_and_stop_at_the_ends():
    assert calendar.shift(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert calendar.shift(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert calendar.shift(date(calendar.LAST_YEAR, 12, 1), 1) is None
    assert calendar.shift(date(calendar.FIRST_YEAR, 1, 1), -1) is None


# A month two months from now: everything in it is still to come, whenever the tests run.
MONTH = calendar.shift(timezone.localdate().replace(day=1), 2)


def at(day: int, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime(MONTH.year, MONTH.month, day, hour))


def dated(target, people, *, start: datetime, due: datetime, note="") -> Assignment:
    assignment = assign(target, people=people, note=note)
    Assignment.objects.filter(pk=assignment.pk).update(start_at=start, due_at=due)
    return assignment


@pytest.fixture
def later_month(learner):
    """In MONTH: an exam that opens on the 1st at 09:00 and is due on the 15th at 18:00,
    one due on the 3rd, and another person's exam due on the 15th."""
    dated(QuizFactory(title="考试甲", title_en="Exam A"), [learner], start=at(1, 9), due=at(15))
    dated(QuizFactory(title="考试乙", title_en="Exam B"), [learner], start=at(1), due=at(3))
    dated(
        QuizFactory(title="别人的考试", title_en="Someone else's exam"),
        [LearnerFactory()],
        start=at(1),
        due=at(15),
    )


def page(client, query="", language="en"):
    client.cookies["lms_language"] = language
    response = client.get("/assignments/calendar/" + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_month_lists_due_and_start_dates_by_day(learner_client, later_month):
    html = page(learner_client, f"?month={MONTH:%Y-%m}")
    days = html.split('data-testid="day"')[1:]
    day_of = {
        part[part.index('datetime="') + 10 : part.index('datetime="') + 20]: part for part in days
    }
    first, third, fifteenth = (f"{MONTH:%Y-%m}-{day:02d}" for day in (1, 3, 15))
    assert set(day_of) == {first, third, fifteenth}
    assert "Exam A" in day_of[fifteenth] and "Due 18:00" in day_of[fifteenth]
    assert "Opens 09:00" in day_of[first] and "Exam A" in day_of[first]
    assert "Exam B" in day_of[third]
    assert "Someone else" not in html
    before, after = calendar.shift(MONTH, -1), calendar.shift(MONTH, 1)
    assert f'href="?month={before:%Y-%m}"' in html and f'href="?month={after:%Y-%m}"' in html


@pytest.mark.django_db
def test_an_overdue_item_is_marked_in_words(learner_client, learner):
    late = assign(QuizFactory(title_en="Late exam"), people=[learner], start_in=-9, due_in=-2)
    due_day = timezone.localtime(late.due_at).date()
    html = page(learner_client, f"?month={due_day:%Y-%m}")
    day = html[html.index(f'datetime="{due_day.isoformat()}"') :]
    day = day[: day.index("</ul>")]
    assert "Late exam" in day and "Overdue" in day and "is-overdue" in day


@pytest.mark.django_db
def test_today_is_marked(learner_client):
    html = page(learner_client)
    today = timezone.localdate().isoformat()
    assert 'aria-current="date"' in html
    marked = html[html.index('aria-current="date"') :]
    assert f'datetime="{today}"' in marked[:400] and "Today" in marked[:600]


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["2026-13", "garbage", "99999-01", "2026-1%00"])
def test_a_bad_month_is_explained_and_this_month_shown(learner_client, month):
    html = page(learner_client, f"?month={month}")
    assert 'data-testid="month-error"' in html and "is not a month" in html
    this_month = timezone.localdate().replace(day=1)
    assert f'href="?month={calendar.shift(this_month, 1):%Y-%m}"' in html


@pytest.mark.django_db
def test_the_page_is_in_chinese_on_a_chinese_page(learner_client, later_month):
    html = page(learner_client, f"?month={MONTH:%Y-%m}", "zh-hans")
    assert "考试甲" in html and "Exam A" not in html


@pytest.mark.django_db
def test_the_page_shows_the_persons_feed_link_and_how_to_add_it(learner_client, learner):
    html = page(learner_client)
    url = feed.feed_url(feed.feed_for(learner))
    assert f'value="{url}"' in html
    assert 'href="webcal://' in html
    for platform in ("iPhone", "Android", "Outlook"):
        assert platform in html


@pytest.mark.django_db
def test_the_reset_asks_first_then_makes_a_new_link(learner_client, learner):
    old_path = urlsplit(feed.feed_url(feed.feed_for(learner))).path
    learner_client.cookies["lms_language"] = "en"
    confirm = learner_client.get("/assignments/calendar/reset/")
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    assert learner_client.get(old_path).status_code == 200  # asking changes nothing
    response = learner_client.post("/assignments/calendar/reset/", follow=True)
    assert b"no longer works" in response.content
    assert learner_client.get(old_path).status_code == 404
    new = feed.feed_url(feed.feed_for(learner))
    assert new.encode() in response.content


@pytest.mark.django_db
def test_the_calendar_needs_a_signed_in_person(client):
    response = client.get("/assignments/calendar/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/assignments/calendar/reset/").status_code == 302


@pytest.mark.django_db
def test_the_link_to_the_to_do_list_is_there_only_for_those_who_have_one(client, learner_client):
    """The to-do list leads the learner dashboard: a trainer who has assignments of their own
    (a unit's, say) sees their calendar without a link to a dashboard they cannot open."""
    assert 'href="/dashboard/learner/"' in learner_client.get("/assignments/calendar/").text
    client.force_login(TrainerFactory())
    page = client.get("/assignments/calendar/")
    assert page.status_code == 200 and "/dashboard/learner/" not in page.text

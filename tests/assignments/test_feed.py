"""The personal iCal feed: it parses, lists the person's due dates in their language, its link
can be reset, and anything but a current token is the same 404 (assignments.feed)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from assignments import feed
from assignments.models import CalendarFeed
from tests.assignments.factories import assign
from tests.cases.factories import PracticeCaseFactory
from tests.certificates.factories import issued
from tests.exams.factories import QuizFactory
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def path_of(subscription) -> str:
    return urlsplit(feed.feed_url(subscription)).path


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_feed_parses_and_lists_each_assignment_at_its_due_date(client, learner):
    quiz = QuizFactory(title="故障诊断考试", title_en="Fault diagnosis exam")
    exam = assign(quiz, people=[learner], due_in=3)
    case = assign(PracticeCaseFactory(), people=[learner], due_in=5, note="带上工具")
    subscription = feed.feed_for(learner)
    response = client.get(path_of(subscription))
    found = {str(e["UID"]): e for e in events(response)}
    assert set(found) == {
        f"assignment-{exam.pk}-{learner.pk}@service-academy",
        f"assignment-{case.pk}-{learner.pk}@service-academy",
    }
    first = found[f"assignment-{exam.pk}-{learner.pk}@service-academy"]
    assert first.decoded("DTSTART") == exam.due_at.replace(microsecond=0)
    assert "故障诊断考试" in str(first["SUMMARY"])
    assert str(first["URL"]).endswith(f"/quizzes/{quiz.slug}/")
    (alarm,) = first.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)
    second = found[f"assignment-{case.pk}-{learner.pk}@service-academy"]
    assert "带上工具" in str(second["DESCRIPTION"])
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Set-Cookie" not in response or not response.cookies


def test_the_summary_is_in_the_persons_language(client):
    english, chinese = LearnerFactory(language="en"), LearnerFactory(language="")
    quiz = QuizFactory(title="故障诊断考试", title_en="Fault diagnosis exam")
    assign(quiz, people=[english, chinese])
    (in_english,) = events(client.get(path_of(feed.feed_for(english))))
    (in_chinese,) = events(client.get(path_of(feed.feed_for(chinese))))
    assert str(in_english["SUMMARY"]) == "Due: Fault diagnosis exam"
    assert "故障诊断考试" in str(in_chinese["SUMMARY"])
    assert "Fault" not in str(in_chinese["SUMMARY"])


def test_the_uid_stays_the_same_from_one_fetch_to_the_next(client, learner):
    assign(QuizFactory(), people=[learner])
    url = path_of(feed.feed_for(learner))
    first, second = events(client.get(url)), events(client.get(url))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second]


def test_done_work_shows_as_done_without_a_reminder(client, learner, program):
    issued(learner, program)
    assign(program, people=[learner])
    (event,) = events(client.get(path_of(feed.feed_for(learner))))
    assert str(event["SUMMARY"]) == f"已完成：{program.name}"
    assert event.walk("VALARM") == []
    assert str(event["URL"]).endswith("/certificates/")


def test_another_persons_assignments_never_appear(client, learner):
    other = LearnerFactory()
    assign(QuizFactory(title="别人的考试", title_en="Someone else's exam"), people=[other])
    mine = assign(QuizFactory(), people=[learner])
    found = events(client.get(path_of(feed.feed_for(learner))))
    assert [str(e["UID"]) for e in found] == [f"assignment-{mine.pk}-{learner.pk}@service-academy"]


def test_the_page_shows_the_same_link_again_and_a_reset_kills_the_old_one(client, learner):
    assign(QuizFactory(), people=[learner])
    first = feed.feed_url(feed.feed_for(learner))
    assert feed.feed_url(feed.feed_for(learner)) == first
    old_path = path_of(feed.feed_for(learner))
    assert client.get(old_path).status_code == 200
    feed.reset(learner)
    assert client.get(old_path).status_code == 404
    assert client.get(path_of(feed.feed_for(learner))).status_code == 200


def test_the_token_is_not_stored(learner):
    subscription = feed.feed_for(learner)
    token = feed.token_of(subscription)
    stored = CalendarFeed.objects.filter(pk=subscription.pk).values().get()
    assert token not in str(stored)


def test_a_deactivated_persons_feed_is_not_found(client, learner):
    path = path_of(feed.feed_for(learner))
    learner.is_active = False
    learner.save()
    response = client.get(path)
    assert response.status_code == 404


def test_unknown_malformed_and_reset_tokens_get_the_same_answer(client, learner):
    path = path_of(feed.feed_for(learner))
    feed.reset(learner)
    answers = {
        (r.status_code, r.content, r["Content-Type"])
        for r in (
            client.get(path),  # reset
            client.get("/assignments/calendar/" + "A" * 43 + ".ics"),  # unknown
            client.get("/assignments/calendar/not-a-token.ics"),  # malformed
        )
    }
    assert answers == {(404, b"Not found\n", "text/plain")}


def test_an_address_that_keeps_guessing_is_told_to_wait(client, learner, settings):
    settings.CALENDAR_FEED_MISS_LIMIT = 3
    good = path_of(feed.feed_for(learner))
    for _ in range(3):
        assert client.get("/assignments/calendar/" + "B" * 43 + ".ics").status_code == 404
    refused = client.get(good)
    assert refused.status_code == 429 and refused["Retry-After"]
    other_address = client.get(good, REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


# The learner's feed exists and is never changed by an example.
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(token=st.text(max_size=80))
def test_any_text_in_the_url_is_a_404_never_an_error(learner, token):
    feed.feed_for(learner)
    cache.clear()
    response = Client().get(f"/assignments/calendar/{quote(token, safe='')}.ics")
    assert response.status_code == 404

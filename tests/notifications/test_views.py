"""The inbox, its "mark read", the header's unread count, the settings page and the failures
list administrators read in /cms/."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from notifications import bulk, unread
from notifications.models import Delivery, Notification, Preference, Robot
from tests.factories import LearnerFactory
from tests.notifications.conftest import PING, make_robot, place
from tests.notifications.test_services import ping

pytestmark = pytest.mark.django_db


def add(user, count):
    Notification.objects.bulk_create(
        Notification(
            recipient=user, event=PING, item=f"thing:{n}", title=f"东西{n}", url="/certificates/"
        )
        for n in range(count)
    )


def test_the_inbox_lists_the_persons_notifications_newest_first_paginated(learner_client, learner):
    add(learner, 25)
    add(LearnerFactory(), 3)
    html = learner_client.get("/inbox/").content.decode()
    assert html.count('data-testid="notification"') == 20
    assert "东西24" in html and "东西4" not in html
    second = learner_client.get("/inbox/?page=2").content.decode()
    assert second.count('data-testid="notification"') == 5


@pytest.mark.parametrize("count", [3, 60])
def test_the_inbox_runs_a_constant_number_of_queries(
    learner_client, learner, count, django_assert_max_num_queries
):
    add(learner, count)
    with django_assert_max_num_queries(12):
        assert learner_client.get("/inbox/").status_code == 200


def test_the_header_counts_once_then_keeps_the_count(learner_client, learner):
    def header_queries():
        with CaptureQueriesContext(connection) as queries:
            html = learner_client.get("/certificates/").content.decode()
        return html, [q["sql"] for q in queries.captured_queries]

    add(learner, 40)
    html, first = header_queries()
    assert 'data-testid="unread-count">40<' in html
    counting = [sql for sql in first if "notifications_notification" in sql]
    assert len(counting) == 1 and "COUNT(" in counting[0]
    html, second = header_queries()
    assert 'data-testid="unread-count">40<' in html
    assert not [sql for sql in second if "notifications_notification" in sql]


def test_the_header_count_follows_every_write_to_the_inbox(learner_client, learner):
    """The count is kept in the cache (notifications.unread): each way a notification is
    written, read or deleted shows at the next page."""

    def shown():
        html = learner_client.get("/certificates/").content.decode()
        found = re.search(r'data-testid="unread-count">(\d+)<', html)
        return int(found.group(1)) if found else 0

    assert shown() == 0
    ping(learner)  # one at a time
    assert shown() == 1
    bulk.notify_many(  # thousands at a time, plain inserts
        notices=[bulk.Notice(learner.pk, PING, f"many:{n}", "东西", "/x/") for n in range(3)]
    )
    assert shown() == 4
    one = Notification.objects.filter(recipient=learner).first()
    learner_client.post(f"/inbox/{one.pk}/read/")
    assert shown() == 3
    learner_client.post("/inbox/read-all/")  # one UPDATE
    assert shown() == 0
    ping(learner, item="thing:2")
    assert shown() == 1
    Notification.objects.filter(recipient=learner, read_at=None).get().delete()
    assert shown() == 0


def test_a_notification_committed_while_a_page_counts_is_not_hidden(learner_client, learner):
    """A page counts the inbox; a notification is committed before it stores the count. The
    next page counts again instead of showing the old count for minutes."""
    assert unread.count(learner.pk, lambda: 0) == 0

    def counted_while_a_notification_lands():
        ping(learner)  # committed, and the count forgotten, after the page counted
        return 0

    unread.forget([learner.pk])
    assert unread.count(learner.pk, counted_while_a_notification_lands) == 0
    html = learner_client.get("/certificates/").content.decode()
    assert 'data-testid="unread-count">1<' in html


def test_mark_one_read_and_open_it(learner_client, learner):
    add(learner, 2)
    first = Notification.objects.filter(recipient=learner).last()
    answer = learner_client.post(f"/inbox/{first.pk}/read/", {"open": "1"})
    assert answer.status_code == 302 and answer["Location"] == "/certificates/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert Notification.objects.filter(recipient=learner, read_at=None).count() == 1


def test_mark_all_read(learner_client, learner):
    add(learner, 3)
    answer = learner_client.post("/inbox/read-all/", follow=True)
    assert not Notification.objects.filter(recipient=learner, read_at=None).exists()
    assert 'data-testid="unread-count"' not in answer.content.decode()


def test_another_persons_notification_is_not_found(learner_client):
    other = LearnerFactory()
    add(other, 1)
    notification = Notification.objects.get(recipient=other)
    assert learner_client.post(f"/inbox/{notification.pk}/read/").status_code == 404
    assert learner_client.post("/inbox/99999/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_reading_needs_a_post_and_a_sign_in(client, learner):
    add(learner, 1)
    pk = Notification.objects.get().pk
    assert client.get("/inbox/")["Location"].startswith("/accounts/login/")
    client.force_login(learner)
    assert client.get(f"/inbox/{pk}/read/").status_code == 405


def test_an_outside_link_is_never_followed(learner_client, learner):
    Notification.objects.create(
        recipient=learner, event=PING, item="x", title="x", url="https://evil.example/"
    )
    answer = learner_client.post(f"/inbox/{Notification.objects.get().pk}/read/", {"open": "1"})
    assert answer["Location"] == "/inbox/"


def test_english_pages_show_the_english_title_or_mark_the_chinese_one(learner_client, learner):
    Notification.objects.create(
        recipient=learner, event=PING, item="a", title="安全", title_en="Safety", url="/"
    )
    Notification.objects.create(recipient=learner, event=PING, item="b", title="仅中文", url="/")
    learner_client.cookies["django_language"] = "en"
    html = learner_client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Safety" in html and "安全" not in html
    assert 'lang="zh-Hans"' in html and "仅中文" in html


def test_the_settings_page_stores_each_events_channels(learner_client, learner):
    with translation.override("en"):
        html = learner_client.get("/inbox/settings/").content.decode()
    assert f'name="{PING}-email"' in html and 'name="exam_graded-robot"' in html
    # Revocations do not go to the group chat unless the person asks.
    assert 'name="certificate_revoked-robot" >' in html
    learner_client.post("/inbox/settings/", {f"{PING}-robot": "on"})
    preference = Preference.objects.get(user=learner, event=PING)
    assert (preference.email, preference.robot) == (False, True)
    assert Preference.objects.get(user=learner, event="exam_graded").robot is False


def test_administrators_see_failed_deliveries_in_the_cms(
    client, administrator, learner, sink, fast_timeout
):
    place(learner, make_robot(sink, "/fail"))
    ping(learner)
    client.force_login(administrator)
    with translation.override("en"):
        html = client.get("/cms/notifications/failed_deliveries/").content.decode()
    assert "HTTP 500" in html and "wecom /fail" in html
    assert f"{learner.get_full_name()}：" in html  # what the failed post was about
    sent = Delivery.objects.get(status="sent")  # the email went: nothing to look at
    assert sent.target == learner.email and learner.email not in html
    robots = client.get("/cms/notifications/robots/").content.decode()
    assert "wecom /fail" in robots


def test_a_plain_http_webhook_is_refused_in_the_cms_form_in_production(
    client, administrator, settings
):
    settings.NOTIFICATIONS_ALLOW_HTTP_LOOPBACK = False
    client.force_login(administrator)
    client.cookies["lms_language"] = "en"  # the admin's language (its pages follow the cookie)
    with translation.override("en"):
        answer = client.post(
            "/cms/notifications/robots/new/",
            {
                "name": "华东群",
                "platform": "wecom",
                "webhook_url": "http://127.0.0.1:9/x",
                "secret": "",
                "active": "on",
            },
        )
    assert answer.status_code == 200
    assert "A webhook URL must start with https://" in answer.content.decode()


def test_a_webhook_pasted_without_its_scheme_is_saved_as_https(client, administrator):
    client.force_login(administrator)
    answer = client.post(
        "/cms/notifications/robots/new/",
        {
            "name": "华东群",
            "platform": "wecom",
            "webhook_url": "qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
            "secret": "",
            "active": "on",
        },
    )
    assert answer.status_code == 302
    robot = Robot.objects.get(name="华东群")
    assert robot.webhook_url == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"


def test_learners_cannot_open_the_failures_list(learner_client):
    assert learner_client.get("/cms/notifications/failed_deliveries/").status_code == 302


def test_a_required_channel_shows_checked_and_locked_and_cannot_be_switched_off(
    learner_client, learner, settings
):
    settings.NOTIFICATIONS_REQUIRED_CHANNELS = [f"{PING}:email"]
    html = learner_client.get("/inbox/settings/").content.decode()
    assert f'name="{PING}-email"' not in html
    assert html.count('type="checkbox" checked disabled') == 1
    learner_client.post("/inbox/settings/", {})
    assert Preference.objects.get(user=learner, event=PING).email is False
    ping(learner)
    assert Delivery.objects.filter(channel="email", notification__recipient=learner).exists()

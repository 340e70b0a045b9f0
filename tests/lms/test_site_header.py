"""The header is rendered once per state and kept (``{% site_header %}``, decision 0905): what
each reader sees is still their own, on every page, and its forms still work."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from lms.templatetags import site_header
from notifications.models import Notification
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def header(client, url="/certificates/") -> str:
    page = client.get(url).content.decode()
    return re.search(r'<header class="site-header">.*?</header>', page, re.S).group(0)


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def test_a_kept_header_is_the_one_rendered_afresh(client, learner):
    client.force_login(learner)
    Notification.objects.create(recipient=learner, event="ping", item="x", title="t", url="/")
    pages = ["/certificates/", reverse("dashboard_role", args=["learner"]), "/inbox/"]
    for language in ("zh-hans", "en"):
        client.cookies["lms_language"] = language
        for url in pages:
            site_header._kept.clear()
            fresh = header(client, url)
            assert without_tokens(header(client, url)) == without_tokens(fresh)


def test_each_reader_sees_their_own_name_count_and_current_page(client, learner):
    other = LearnerFactory(display_name="李四")
    learner.display_name = "张三"
    learner.save()
    client.force_login(learner)
    mine = header(client)
    assert "张三" in mine and "李四" not in mine
    assert 'data-testid="unread-count"' not in mine
    Notification.objects.create(recipient=learner, event="ping", item="x", title="t", url="/")
    assert 'data-testid="unread-count">1<' in header(client)
    dashboard = header(client, reverse("dashboard_role", args=["learner"]))
    assert re.search(r'<a href="/"\s*aria-current="page"', dashboard)
    assert not re.search(r'<a href="/"\s*aria-current="page"', header(client))
    learner.display_name = "张五"
    learner.save()
    assert "张五" in header(client)
    theirs = Client()
    theirs.force_login(other)
    assert "李四" in header(theirs) and "张五" not in header(theirs)


def test_the_language_switcher_returns_to_the_page_it_was_on(client, learner):
    client.force_login(learner)
    html = header(client, "/certificates/?page=2&x=<b>")
    assert 'name="next" value="/certificates/?page=2&amp;x=%3Cb%3E"' in html
    assert 'name="next" value="/inbox/"' in header(client, "/inbox/")


def test_the_header_forms_carry_this_requests_token(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    html = header(client)
    tokens = TOKEN.findall(html)
    assert len(tokens) == 2 and "placeholder" not in html
    answer = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[1]})
    assert answer.status_code == 302
    assert client.get("/certificates/")["Location"].startswith("/accounts/login/")

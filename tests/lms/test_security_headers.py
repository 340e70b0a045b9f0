"""Content-Security-Policy and Permissions-Policy on every page (decision 0007)."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_strict_page_policy(response):
    policy = directives(response)
    assert policy, "no Content-Security-Policy header"
    script_src = policy["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    nonces = [source for source in script_src if source.startswith("'nonce-")]
    assert len(nonces) == 1
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    return nonces[0][len("'nonce-") : -1]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "url"),
    [
        (None, "/accounts/login/"),
        (None, "/verify/"),
        (None, "/no-such-page/"),
        ("learner", "/"),
        ("learner", "/courses/"),
        ("learner", "/quizzes/"),
        ("learner", "/cases/"),
        ("learner", "/certificates/"),
        ("trainer", "/"),
        ("assessor", "/"),
        ("assessor", "/assessment/scorecards/"),
    ],
)
def test_every_page_carries_a_nonce_based_policy_without_inline_script(request, client, who, url):
    if who is not None:
        client = signed_in(request.getfixturevalue(who))
    response = client.get(url, follow=True)
    assert response["Content-Type"].startswith("text/html")
    nonce = assert_strict_page_policy(response)
    # The nonce is fresh for every response.
    assert assert_strict_page_policy(client.get(url, follow=True)) != nonce


@pytest.mark.parametrize("url", ["/", "/courses/", "/cases/"])
def test_every_script_is_a_file_of_this_site_carrying_the_nonce(learner_client, url):
    response = learner_client.get(url, follow=True)
    nonce = assert_strict_page_policy(response)
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts
    for tag in scripts:
        assert 'src="/static/' in tag and f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r"\sstyle=", html), "inline style attribute"


def test_the_wagtail_admin_has_its_own_documented_policy(client, administrator):
    response = signed_in(administrator).get("/cms/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    # Wagtail's own previews frame the admin: same origin only.
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("url", ["/accounts/login/", "/healthz", "/verify/"])
def test_every_response_switches_off_powerful_browser_features(client, url):
    header = client.get(url)["Permissions-Policy"]
    features = dict(item.split("=", 1) for item in header.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid"):
        assert features[feature] == "()", feature

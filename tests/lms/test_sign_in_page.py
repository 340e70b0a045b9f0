"""The login page with company sign-on (decision 0704): a button per provider switched on, the
password form where allowed, and no second sign-in in the Wagtail admin."""

import pytest
from django.test import override_settings

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PROVIDERS = {
    "dingtalk": {"APPS": [{"client_id": "ding-app", "secret": "s"}]},
    "feishu": {"APPS": [{"client_id": "cli_feishu", "secret": "s"}]},
    "wecom": {"APPS": [{"client_id": "ww-corp", "secret": "s", "settings": {"agent_id": "1"}}]},
}


def test_no_sign_on_button_unless_a_provider_is_configured(client):
    page = client.get(LOGIN).content.decode()
    assert 'data-testid="sign-on"' not in page
    assert 'name="username"' in page


@override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS)
def test_a_button_for_each_configured_provider(client):
    response = client.get(LOGIN)
    page = response.content.decode()
    for provider in ("dingtalk", "feishu", "wecom"):
        assert f'data-testid="sign-on-{provider}"' in page
    assert 'action="/accounts/wecom/login/?process=login"' in page
    # The buttons' forms are redirected to the providers' sign-in pages: the policy allows them.
    policy = response["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if d.strip().startswith("form-action"))
    for origin in (
        "https://login.dingtalk.com",
        "https://open.feishu.cn",
        "https://login.work.weixin.qq.com",
    ):
        assert origin in form_action
    assert "unsafe-inline" not in policy


def test_other_pages_keep_the_strict_form_action(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = PROVIDERS
    policy = client.get("/accounts/password/reset/")["Content-Security-Policy"]
    assert "form-action 'self';" in policy + ";"


def test_password_sign_in_can_be_switched_off(client, learner, settings):
    settings.SSO_PASSWORD_LOGIN = False
    settings.SOCIALACCOUNT_PROVIDERS = PROVIDERS
    page = client.get(LOGIN).content.decode()
    assert 'name="password"' not in page
    assert 'data-testid="sign-on-wecom"' in page
    refused = client.post(LOGIN, {"username": "learner", "password": PASSWORD})
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_cms_sign_in_is_the_site_sign_in(client, trainer):
    assert client.get("/cms/").url == "/accounts/login/?next=/cms/"
    assert client.get("/cms/login/?next=/cms/pages/").url == "/accounts/login/?next=/cms/pages/"
    signed_in = client.post(
        "/accounts/login/", {"username": "trainer", "password": PASSWORD, "next": "/cms/"}
    )
    assert signed_in.url == "/cms/"
    assert client.get("/cms/").status_code == 200


def test_a_learner_sent_from_the_cms_is_refused_not_sent_round(client, learner):
    client.force_login(learner)
    sent = client.get("/cms/")
    assert sent.url == "/accounts/login/?next=/cms/"
    assert client.get(sent.url).status_code == 403


def test_password_confirmations_count_towards_the_lock(client, learner):
    # allauth asks for the password again before sensitive changes (two-factor set-up): a
    # guess there is a guess like any other, and django-axes counts it.
    client.force_login(learner)
    for _ in range(4):
        wrong = client.post(
            "/accounts/reauthenticate/", {"password": "wrong"}, REMOTE_ADDR="10.7.0.1"
        )
        assert wrong.status_code == 200
    locked = client.post("/accounts/reauthenticate/", {"password": "wrong"}, REMOTE_ADDR="10.7.0.1")
    assert locked.status_code == 429
    client.logout()
    refused = client.post(
        LOGIN, {"username": "learner", "password": PASSWORD}, REMOTE_ADDR="10.7.0.2"
    )
    assert refused.status_code == 429

"""DingTalk, Feishu and WeCom (企业微信) sign-on against their documented HTTP exchanges, served
by a local HTTP server that ``SSO_ENDPOINT_OVERRIDES`` points the providers' API origins at."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model

from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

CODE = "the-one-time-code"


class ProviderAPI(BaseHTTPRequestHandler):
    """Answers as the providers' documentation shows; records every call."""

    answers: dict = {}
    calls: list = []

    def _answer(self):
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.calls.append(
            (self.command, parts.path, parse_qs(parts.query), body, dict(self.headers))
        )
        answer = self.answers.get((self.command, parts.path))
        status, payload = (200, answer(parse_qs(parts.query), body)) if answer else (404, {})
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture
def provider_api(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), ProviderAPI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    ProviderAPI.calls = []
    settings.SSO_ENDPOINT_OVERRIDES = {
        "https://qyapi.weixin.qq.com": url,
        "https://open.feishu.cn": url,
        "https://api.dingtalk.com": url,
    }
    yield ProviderAPI
    server.shutdown()
    server.server_close()


def start(client, provider):
    response = client.post(f"/accounts/{provider}/login/")
    assert response.status_code == 302
    return response["Location"], parse_qs(urlsplit(response["Location"]).query)["state"][0]


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


# --- WeCom ------------------------------------------------------------------------------------


def wecom_answers(userid="E7001", errcode=0):
    def gettoken(query, body):
        assert query == {"corpid": ["ww-corp"], "corpsecret": ["wecom-secret"]}
        return {"errcode": 0, "errmsg": "ok", "access_token": "corp-token", "expires_in": 7200}

    def getuserinfo(query, body):
        assert query == {"access_token": ["corp-token"], "code": [CODE]}
        if errcode:
            return {"errcode": errcode, "errmsg": "invalid code"}
        return {"errcode": 0, "errmsg": "ok", "userid": userid, "user_ticket": "t"}

    def user_get(query, body):
        assert query == {"access_token": ["corp-token"], "userid": [userid]}
        return {"errcode": 0, "errmsg": "ok", "userid": userid, "name": "张三", "department": [2]}

    return {
        ("GET", "/cgi-bin/gettoken"): gettoken,
        ("GET", "/cgi-bin/auth/getuserinfo"): getuserinfo,
        ("GET", "/cgi-bin/user/get"): user_get,
    }


@pytest.fixture
def wecom(settings, provider_api):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "wecom": {
            "APPS": [
                {
                    "client_id": "ww-corp",
                    "secret": "wecom-secret",
                    "settings": {"agent_id": "1000002", "employee_id_claim": "userid"},
                }
            ]
        }
    }
    return provider_api


def test_wecom_sends_the_browser_to_its_sign_in_page(client, wecom):
    location, _state = start(client, "wecom")
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://login.work.weixin.qq.com/wwlogin/sso/login"
    )
    query = parse_qs(parts.query)
    assert query["appid"] == ["ww-corp"]
    assert query["agentid"] == ["1000002"]
    assert query["redirect_uri"] == ["http://testserver/accounts/wecom/login/callback/"]


def test_a_wecom_member_signs_in_by_their_user_id(client, wecom):
    person = LearnerFactory(username="zhangsan", employee_id="E7001")
    wecom.answers = wecom_answers()
    _location, state = start(client, "wecom")
    response = client.get("/accounts/wecom/login/callback/", {"code": CODE, "state": state})
    assert response.status_code == 302
    assert signed_in_user(client) == person
    assert [path for _m, path, *_ in wecom.calls] == [
        "/cgi-bin/gettoken",
        "/cgi-bin/auth/getuserinfo",
        "/cgi-bin/user/get",
    ]


def test_a_refused_wecom_code_signs_nobody_in(client, wecom):
    LearnerFactory(username="zhangsan", employee_id="E7001")
    wecom.answers = wecom_answers(errcode=40029)
    _location, state = start(client, "wecom")
    client.cookies["lms_language"] = "en"
    response = client.get("/accounts/wecom/login/callback/", {"code": CODE, "state": state})
    assert response.status_code == 401
    assert "Sign-on failed" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_wecom_member_unknown_to_the_academy_is_refused(client, wecom):
    wecom.answers = wecom_answers(userid="E9999")
    _location, state = start(client, "wecom")
    response = client.get("/accounts/wecom/login/callback/", {"code": CODE, "state": state})
    assert response.status_code == 403
    assert signed_in_user(client) is None


# --- Feishu -----------------------------------------------------------------------------------


@pytest.fixture
def feishu(settings, provider_api):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "feishu": {
            "APPS": [
                {
                    "client_id": "cli_app",
                    "secret": "feishu-secret",
                    "settings": {"employee_id_claim": "employee_no"},
                }
            ]
        }
    }

    def app_token(query, body):
        assert parse_qs(body) == {"app_id": ["cli_app"], "app_secret": ["feishu-secret"]}
        return {"code": 0, "msg": "ok", "app_access_token": "app-token", "expire": 7200}

    def user_token(query, body):
        sent = json.loads(body)
        assert (sent["code"], sent["app_access_token"]) == (CODE, "app-token")
        return {"code": 0, "data": {"access_token": "user-token", "expires_in": 7200}}

    def user_info(query, body):
        return {
            "code": 0,
            "data": {"open_id": "ou_1", "name": "张三", "employee_no": "E7001"},
        }

    provider_api.answers = {
        ("POST", "/open-apis/auth/v3/app_access_token/internal/"): app_token,
        ("POST", "/open-apis/authen/v1/access_token"): user_token,
        ("GET", "/open-apis/authen/v1/user_info"): user_info,
    }
    return provider_api


def test_a_feishu_user_signs_in_by_their_employee_number(client, feishu):
    person = LearnerFactory(username="zhangsan", employee_id="E7001")
    _location, state = start(client, "feishu")
    response = client.get("/accounts/feishu/login/callback/", {"code": CODE, "state": state})
    assert response.status_code == 302
    assert signed_in_user(client) == person
    assert feishu.calls[-1][4]["Authorization"] == "Bearer user-token"


# --- DingTalk ---------------------------------------------------------------------------------


@pytest.fixture
def dingtalk(settings, provider_api):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "dingtalk": {
            "APPS": [
                {
                    "client_id": "ding-app",
                    "secret": "ding-secret",
                    "settings": {"employee_id_claim": "unionId", "name_claim": "nick"},
                }
            ]
        }
    }

    def user_token(query, body):
        sent = json.loads(body)
        assert sent == {
            "clientId": "ding-app",
            "clientSecret": "ding-secret",
            "code": CODE,
            "grantType": "authorization_code",
        }
        return {"accessToken": "user-token", "refreshToken": "r", "expireIn": 7200}

    def me(query, body):
        return {"nick": "张三", "unionId": "E7001", "openId": "o1", "mobile": "13800000000"}

    provider_api.answers = {
        ("POST", "/v1.0/oauth2/userAccessToken"): user_token,
        ("GET", "/v1.0/contact/users/me"): me,
    }
    return provider_api


def test_a_dingtalk_user_signs_in_by_the_configured_field(client, dingtalk):
    person = LearnerFactory(username="zhangsan", employee_id="E7001")
    _location, state = start(client, "dingtalk")
    # DingTalk comes back with authCode, not code.
    response = client.get("/accounts/dingtalk/login/callback/", {"authCode": CODE, "state": state})
    assert response.status_code == 302
    assert signed_in_user(client) == person
    assert dingtalk.calls[-1][4]["x-acs-dingtalk-access-token"] == "user-token"

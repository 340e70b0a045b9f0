"""Each platform's documented message format and signature, as the local server receives them;
webhook addresses that are not HTTPS are refused outside development and tests."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import unquote_plus

import pytest
from django.core.exceptions import ValidationError

from notifications import webhooks
from notifications.models import Robot
from tests.notifications.conftest import make_robot, place
from tests.notifications.test_services import ping

pytestmark = pytest.mark.django_db

MESSAGE = webhooks.Message(title="考试已评分", text="王小明：安全规范", url="https://lms/x/")


def test_wecom_posts_markdown_content(learner, sink, settings):
    settings.BASE_URL = "https://academy.example.com"
    place(learner, make_robot(sink, "/ok"))
    ping(learner)
    (received,) = sink.received
    assert set(received.body) == {"msgtype", "markdown"}
    assert received.body["msgtype"] == "markdown"
    content = received.body["markdown"]["content"]
    assert "王小明" in content and "东西" in content
    assert "https://academy.example.com/x/" in content


def test_dingtalk_signs_with_timestamp_and_hmac_in_the_query(learner, sink):
    place(learner, make_robot(sink, "/ok", Robot.Platform.DINGTALK, secret="SECabc"))
    ping(learner)
    (received,) = sink.received
    assert received.body["msgtype"] == "markdown"
    assert set(received.body["markdown"]) == {"title", "text"}
    stamp = received.query["timestamp"][0]
    assert len(stamp) == 13  # milliseconds
    expected = base64.b64encode(
        hmac.new(b"SECabc", f"{stamp}\nSECabc".encode(), hashlib.sha256).digest()
    ).decode()
    # parse_qs decoded the query once; the sign was urlencoded on top of base64.
    assert received.query["sign"][0] == expected


def test_dingtalk_without_a_secret_is_not_signed():
    request = webhooks.build(
        platform="dingtalk",
        webhook_url="https://oapi/robot/send?access_token=t",
        secret="",
        message=MESSAGE,
    )
    assert request.url == "https://oapi/robot/send?access_token=t"


def test_dingtalk_sign_is_urlencoded():
    sign = webhooks.dingtalk_sign("SEC", 1700000000000)
    assert "+" not in sign and "/" not in sign and "=" not in sign
    assert base64.b64decode(unquote_plus(sign))


def test_feishu_signs_in_the_body_with_seconds(learner, sink):
    place(learner, make_robot(sink, "/ok", Robot.Platform.FEISHU, secret="fs-secret"))
    ping(learner)
    (received,) = sink.received
    body = received.body
    assert body["msg_type"] == "text" and "王小明" in body["content"]["text"]
    assert len(body["timestamp"]) == 10  # seconds
    key = f"{body['timestamp']}\nfs-secret".encode()
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def test_feishu_without_a_secret_sends_no_signature():
    request = webhooks.build(
        platform="feishu", webhook_url="https://open.feishu.cn/hook/x", secret="", message=MESSAGE
    )
    assert request.body == {
        "msg_type": "text",
        "content": {"text": "考试已评分\n王小明：安全规范\nhttps://lms/x/"},
    }


@pytest.mark.parametrize(
    "url",
    ["http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "ftp://127.0.0.1/x"],
)
def test_a_webhook_that_is_not_https_is_refused(url):
    robot = Robot(name="r", platform=Robot.Platform.WECOM, webhook_url=url)
    with pytest.raises(ValidationError) as error:
        robot.full_clean()
    assert "https://" in str(error.value.message_dict["webhook_url"])


def test_plain_http_to_this_machine_only_where_the_settings_allow_it(settings):
    robot = Robot(name="r", platform=Robot.Platform.WECOM, webhook_url="http://127.0.0.1:8025/x")
    robot.full_clean()
    settings.NOTIFICATIONS_ALLOW_HTTP_LOOPBACK = False  # production
    with pytest.raises(ValidationError):
        robot.full_clean()
    Robot(
        name="r", platform=Robot.Platform.WECOM, webhook_url="https://qyapi.weixin.qq.com/x"
    ).full_clean()


def test_a_wecom_robot_has_no_secret():
    robot = Robot(
        name="r",
        platform=Robot.Platform.WECOM,
        webhook_url="https://qyapi.weixin.qq.com/x",
        secret="s",
    )
    with pytest.raises(ValidationError) as error:
        robot.full_clean()
    assert "secret" in error.value.message_dict

"""Group-robot messages in each platform's documented format, signed where the platform signs,
and posted with a timeout. Pure functions build the requests; ``post`` sends one.

- WeCom (企业微信) group robot: ``{"msgtype": "markdown", "markdown": {"content": …}}``; the key
  is in the webhook URL; the answer is ``{"errcode": 0, …}``.
- DingTalk (钉钉) custom robot: ``{"msgtype": "markdown", "markdown": {"title", "text"}}``; with a
  secret, ``timestamp`` (ms) and ``sign`` = urlencode(base64(HMAC-SHA256(key=secret,
  msg="{timestamp}\\n{secret}"))) go in the query string; the answer is ``{"errcode": 0}``.
- Feishu (飞书) custom bot: ``{"msg_type": "text", "content": {"text": …}}``; with a secret,
  ``timestamp`` (s) and ``sign`` = base64(HMAC-SHA256(key="{timestamp}\\n{secret}", msg=""))
  go in the body; the answer is ``{"code": 0, …}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from urllib.parse import quote_plus

import requests

WECOM, DINGTALK, FEISHU = "wecom", "dingtalk", "feishu"


@dataclass(frozen=True)
class Message:
    title: str
    text: str
    url: str


@dataclass(frozen=True)
class Request:
    url: str
    body: dict


class WebhookError(Exception):
    pass


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return quote_plus(base64.b64encode(digest).decode())


def feishu_sign(secret: str, timestamp_s: int) -> str:
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def build(
    *, platform: str, webhook_url: str, secret: str, message: Message, now: float | None = None
) -> Request:
    now = time.time() if now is None else now
    markdown = f"**{message.title}**\n\n{message.text}\n\n[{message.url}]({message.url})"
    if platform == WECOM:
        return Request(webhook_url, {"msgtype": "markdown", "markdown": {"content": markdown}})
    if platform == DINGTALK:
        url = webhook_url
        if secret:
            stamp = int(now * 1000)
            joiner = "&" if "?" in url else "?"
            url = f"{url}{joiner}timestamp={stamp}&sign={dingtalk_sign(secret, stamp)}"
        body = {"msgtype": "markdown", "markdown": {"title": message.title, "text": markdown}}
        return Request(url, body)
    if platform == FEISHU:
        body = {
            "msg_type": "text",
            "content": {"text": f"{message.title}\n{message.text}\n{message.url}"},
        }
        if secret:
            stamp = int(now)
            body = {"timestamp": str(stamp), "sign": feishu_sign(secret, stamp), **body}
        return Request(webhook_url, body)
    raise WebhookError(f"Unknown robot platform {platform!r}.")


def post(request: Request, *, timeout: float) -> None:
    """Send; raise WebhookError with a short reason when the platform does not accept it."""
    try:
        response = requests.post(
            request.url,
            data=json.dumps(request.body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
            timeout=timeout,
        )
    except requests.Timeout:
        raise WebhookError(f"No answer within {timeout:g} s.") from None
    except requests.RequestException as error:
        raise WebhookError(f"Could not connect: {error.__class__.__name__}.") from None
    if response.status_code != 200:
        raise WebhookError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        answer = response.json()
    except ValueError:
        raise WebhookError(f"Not JSON: {response.text[:200]}") from None
    code = answer.get("errcode", answer.get("code", answer.get("StatusCode", 0)))
    if code not in (0, None):
        message = answer.get("errmsg") or answer.get("msg") or ""
        raise WebhookError(f"Refused (code {code}): {message}"[:300])

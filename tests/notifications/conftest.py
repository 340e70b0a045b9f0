"""A local HTTP server that stands in for the chat platforms and records what it receives, and a
test event type with an email."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.mail import EmailMessage

from notifications.api import EventType, Robot, register_event_type
from notifications.events import unregister as unregister_event_type
from people.models import OrgUnit, Placement

PING = "tests_ping"


def ping_email(*, recipient, item):
    return EmailMessage(subject=f"Ping {item}", body=f"About {item}.", to=[recipient.email])


@pytest.fixture(autouse=True)
def ping_event():
    """The test event type, registered for the tests of this folder only (registered for the
    whole session, it would show on every person's notification settings in other tests)."""
    event = register_event_type(EventType(key=PING, label="Ping", email=ping_email, order=999))
    yield event
    unregister_event_type(PING)


@dataclass
class Received:
    path: str
    query: dict
    body: dict


@dataclass
class Sink:
    """Answers by path: /ok → {"errcode": 0}; /fail → 500; /slow → answers after 2 s;
    /refuse → 200 with {"errcode": 310000} (a platform's refusal)."""

    url: str
    received: list[Received] = field(default_factory=list)

    def on(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == path]


@pytest.fixture
def sink():
    received: list[Received] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 — the http.server API
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            received.append(Received(parts.path, parse_qs(parts.query), body))
            if parts.path == "/slow":
                time.sleep(2)
            status, answer = {
                "/fail": (500, {"error": "boom"}),
                "/refuse": (200, {"errcode": 310000, "errmsg": "keywords not in content"}),
            }.get(parts.path, (200, {"errcode": 0, "errmsg": "ok"}))
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Sink(f"http://127.0.0.1:{server.server_port}", received)
    server.shutdown()
    server.server_close()


@pytest.fixture
def fast_timeout(settings):
    settings.NOTIFICATIONS_WEBHOOK_TIMEOUT = 0.5
    settings.NOTIFICATIONS_RETRY_DELAYS = [60, 300]


def make_robot(sink: Sink, path: str, platform=Robot.Platform.WECOM, **fields) -> Robot:
    return Robot.objects.create(
        name=f"{platform} {path}", platform=platform, webhook_url=sink.url + path, **fields
    )


def place(user, robot: Robot | None, path: str = "售后服务部/华东大区/上海站") -> OrgUnit:
    """Put ``user`` in the unit at ``path`` (creating it and the units above it); the robot
    goes on the top unit, so the person hears through the nearest unit that names one."""
    parent = None
    parts = path.split("/")
    for depth in range(1, len(parts) + 1):
        parent, _created = OrgUnit.objects.get_or_create(
            path="/".join(parts[:depth]),
            defaults={"name": parts[depth - 1], "parent": parent, "depth": depth},
        )
        if depth == 1 and robot is not None:
            parent.robot = robot
            parent.save(update_fields=["robot"])
    Placement.objects.update_or_create(user=user, defaults={"unit": parent})
    return parent

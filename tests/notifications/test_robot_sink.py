"""``manage.py robot_sink``: the local stand-in for the chat platforms prints what a chat would
show, a line per post, and answers as the platforms do."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_sink_prints_each_post_on_a_line_and_answers_ok():
    port = _free_port()
    sink = subprocess.Popen(  # noqa: S603 — our own command
        [sys.executable, "manage.py", "robot_sink", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert "listening" in sink.stdout.readline()
        body = {"msgtype": "markdown", "markdown": {"content": "**待办**\n王小明：考试 3 天后截止"}}
        request = urllib.request.Request(  # noqa: S310 — loopback
            f"http://127.0.0.1:{port}/wecom",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        for _attempt in range(50):
            try:
                answer = json.load(urllib.request.urlopen(request, timeout=5))  # noqa: S310
                break
            except ConnectionError:
                time.sleep(0.1)
        assert answer["errcode"] == 0 and answer["code"] == 0
        assert sink.stdout.readline().strip() == "POST /wecom **待办** 王小明：考试 3 天后截止"
    finally:
        sink.terminate()
        sink.wait(timeout=10)

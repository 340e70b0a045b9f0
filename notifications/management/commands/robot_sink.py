"""``manage.py robot_sink [--port 8025]``: a local stand-in for WeCom, DingTalk and Feishu in
development. It prints each message a group robot would post, a line each (``--full``: the whole
JSON body), and answers as the platforms do (``{"errcode": 0, "code": 0}``). The demo robot
(``load_demo_data``) posts here; ``make run`` starts it, writing to var/robot-posts.log."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.core.management.base import BaseCommand

DEFAULT_PORT = 8025


def _text(body: dict) -> str:
    """The message a chat would show, on one line: WeCom's and DingTalk's markdown, Feishu's
    text."""
    text = (
        (body.get("markdown") or {}).get("content")
        or (body.get("markdown") or {}).get("text")
        or (body.get("content") or {}).get("text")
        or json.dumps(body, ensure_ascii=False)
    )
    return " ".join(str(text).split())


class SinkHandler(BaseHTTPRequestHandler):
    out = None
    full = False

    def do_POST(self):  # noqa: N802 — the http.server API
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
            shown = json.dumps(body, ensure_ascii=False, indent=2) if self.full else _text(body)
        except ValueError:
            shown = raw.decode(errors="replace")
        self.out.write(
            f"POST {self.path} {shown}" if not self.full else f"POST {self.path}\n{shown}\n"
        )
        answer = b'{"errcode": 0, "errmsg": "ok", "code": 0}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class Command(BaseCommand):
    help = "Print what group robots would post (a local sink for development)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=DEFAULT_PORT)
        parser.add_argument(
            "--full", action="store_true", help="Print each post's whole JSON body."
        )

    def handle(self, *args, port, full, **options):
        handler = type("Handler", (SinkHandler,), {"out": self.stdout, "full": full})
        server = HTTPServer(("127.0.0.1", port), handler)
        self.stdout.write(f"Robot sink listening on http://127.0.0.1:{port}/ (Ctrl-C to stop).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()

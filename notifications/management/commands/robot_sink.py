"""``manage.py robot_sink [--port 8025]``: a local stand-in for WeCom, DingTalk and Feishu in
development. It prints each message a group robot would post, and answers as the platforms do
(``{"errcode": 0, "code": 0}``). The demo robot (``load_demo_data``) posts here."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.core.management.base import BaseCommand

DEFAULT_PORT = 8025


class SinkHandler(BaseHTTPRequestHandler):
    out = None

    def do_POST(self):  # noqa: N802 — the http.server API
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            shown = json.dumps(json.loads(raw), ensure_ascii=False, indent=2)
        except ValueError:
            shown = raw.decode(errors="replace")
        self.out.write(f"POST {self.path}\n{shown}\n")
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

    def handle(self, *args, port, **options):
        handler = type("Handler", (SinkHandler,), {"out": self.stdout})
        server = HTTPServer(("127.0.0.1", port), handler)
        self.stdout.write(f"Robot sink listening on http://127.0.0.1:{port}/ (Ctrl-C to stop).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()

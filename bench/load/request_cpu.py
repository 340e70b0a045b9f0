"""A gunicorn config that measures each exam request's CPU inside the worker (decision 0905).

``gunicorn lms.wsgi:application -c bench/load/request_cpu.py …`` adds ``time.process_time``
around every request (from after gunicorn parsed it to after the response was written) and,
when a worker stops, writes the count and the mean CPU milliseconds of each request type to
``$LOAD_WORK/request-cpu-<pid>.json`` (or the current directory). Compared with the worker's
whole CPU, the difference is gunicorn's own work (accepting, parsing, closing).

``make load`` runs its app servers with this config and ``verify.py`` prints the figures beside
the CPU per request (they include the few warm-up requests of each worker).
"""

import json
import os
import time
from pathlib import Path

TOTALS: dict[str, list[float]] = {}


def request_type(path: str) -> str:
    if path.endswith("/autosave/"):
        return "answer save"
    if "/page/" in path:
        return "question page"
    if path.endswith("/start/"):
        return "exam start"
    if path.startswith("/quizzes/"):
        return "quiz page"
    return "other"


def pre_request(worker, req):
    req.cpu_started = time.process_time()


def post_request(worker, req, environ, resp):
    entry = TOTALS.setdefault(request_type(req.path), [0, 0.0])
    entry[0] += 1
    entry[1] += time.process_time() - req.cpu_started


def worker_exit(server, worker):
    folder = Path(os.environ.get("LOAD_WORK", "."))
    report = {
        name: {"requests": count, "cpu_ms": round(seconds * 1000 / count, 2)}
        for name, (count, seconds) in TOTALS.items()
    }
    (folder / f"request-cpu-{os.getpid()}.json").write_text(json.dumps(report, indent=1))

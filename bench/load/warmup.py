"""Warm the gunicorn workers up before the load test: each page type a few times per worker.

Uses the spare learner of ``sessions.json`` (not one of the measured learners).
"""

import json
import os
import re
import sys
from pathlib import Path

import requests

WORK = Path(os.environ["LOAD_WORK"])


def main(base: str) -> None:
    data = json.loads((WORK / "sessions.json").read_text())
    slug = data["slug"]
    session = requests.Session()
    session.cookies.set("sessionid", data["warmup"]["session"])
    page = session.get(f"{base}/quizzes/{slug}/", timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    started = session.post(
        f"{base}/quizzes/{slug}/start/", data={"csrfmiddlewaretoken": token}, timeout=30
    )
    attempt = re.search(r"/attempts/(\d+)/", started.url).group(1)
    timings = {}
    for _ in range(12):
        for path in (f"/quizzes/{slug}/", f"/attempts/{attempt}/page/1/", "/quizzes/"):
            response = session.get(base + path, timeout=30)
            response.raise_for_status()
            timings.setdefault(path, []).append(response.elapsed.total_seconds() * 1000)
    shown = ", ".join(f"{path} {sorted(t)[len(t) // 2]:.0f} ms" for path, t in timings.items())
    print(f"  workers warmed up; one request at a time: {shown}")


if __name__ == "__main__":
    main(sys.argv[1])

"""Warm every gunicorn worker up before the load test (templates, translations, connections).

Eight threads request each page type the test uses, so that every worker has served each one
before the clock starts. Uses the spare learner of ``sessions.json``, not a measured one.
"""

import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import urllib3

WORK = Path(os.environ["LOAD_WORK"])


def main(base: str) -> None:
    data = json.loads((WORK / "sessions.json").read_text())
    slug = data["slug"]
    session = requests.Session()
    if base.startswith("https:"):  # nginx with the run's throw-away certificate
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        session.verify = False
        session.trust_env = False  # or REQUESTS_CA_BUNDLE would override verify
    session.cookies.set("sessionid", data["warmup"]["session"])
    session.headers.update({"Origin": base, "Referer": f"{base}/quizzes/{slug}/"})  # a browser's
    page = session.get(f"{base}/quizzes/{slug}/", timeout=60).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    started = session.post(
        f"{base}/quizzes/{slug}/start/", data={"csrfmiddlewaretoken": token}, timeout=60
    )
    found = re.search(r"/attempts/(\d+)/", started.url)
    if not found:
        sys.exit(f"warm-up: the exam did not start ({started.status_code} {started.url})")
    attempt = found.group(1)
    question = session.get(f"{base}/attempts/{attempt}/page/1/", timeout=60).text
    version = re.search(r'name="q1-version" value="(\d+)"', question)
    keys = re.findall(r'name="q1-choice" value="([^"]+)"', question)

    def round_trip(index: int) -> float:
        session.get(f"{base}/quizzes/{slug}/", timeout=60).raise_for_status()
        session.get(f"{base}/attempts/{attempt}/page/{index % 30 + 1}/", timeout=60)
        response = session.post(
            f"{base}/attempts/{attempt}/autosave/",
            data={"positions": "1", "q1-version": version.group(1), "q1-choice": keys[0]},
            headers={"Accept": "application/json", "X-CSRFToken": token},
            timeout=60,
        )
        response.raise_for_status()
        return response.elapsed.total_seconds() * 1000

    with ThreadPoolExecutor(max_workers=8) as pool:
        timings = sorted(pool.map(round_trip, range(96)))
    print(f"  workers warmed up (answer save during warm-up: median {timings[48]:.0f} ms)")


if __name__ == "__main__":
    main(sys.argv[1])

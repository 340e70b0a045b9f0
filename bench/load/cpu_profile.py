"""Server CPU of the exam's requests, measured in one process, with a profile of each.

``python bench/load/cpu_profile.py [--profile NAME] [--rounds N]`` runs the load test's requests
(exam start, question page, answer save) through Django's test client (CSRF checks enforced,
the same settings and middleware as gunicorn) against the database of ``DATABASE_URL``, which
``bench/load/setup.py`` has filled, and prints the CPU milliseconds of each (``time.process_time``
around the request: the server's share, not the network's). ``--profile "answer save"`` prints
the cProfile of that request type, sorted by cumulative time.

Used to find where the time goes (decision 0903); ``make load`` measures the real thing.
"""

import argparse
import cProfile
import json
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Learner:
    def __init__(self, account: dict, slug: str):
        self.client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
        self.client.cookies[settings.SESSION_COOKIE_NAME] = account["session"]
        self.slug = slug
        page = self.client.get(f"/quizzes/{slug}/")
        self.token = CSRF_INPUT.search(page.content.decode()).group(1)
        self.attempt = None

    def start(self):
        response = self.client.post(
            f"/quizzes/{self.slug}/start/", {"csrfmiddlewaretoken": self.token}
        )
        assert response.status_code == 302, response.status_code
        self.attempt = int(re.search(r"/attempts/(\d+)/", response["Location"]).group(1))

    def page(self, position: int) -> str:
        response = self.client.get(f"/attempts/{self.attempt}/page/{position}/")
        assert response.status_code == 200, response.status_code
        return response.content.decode()

    def save(self, position: int, text: str):
        version = re.search(rf'name="q{position}-version" value="(\d+)"', text).group(1)
        keys = re.findall(rf'name="q{position}-choice" value="([^"]+)"', text)
        response = self.client.post(
            f"/attempts/{self.attempt}/autosave/",
            {
                "positions": str(position),
                f"q{position}-version": version,
                f"q{position}-choice": keys[0],
            },
            HTTP_ACCEPT="application/json",
            HTTP_X_CSRFTOKEN=self.token,
        )
        assert response.status_code == 200 and response.json()["ok"], response.content


def measured(timings: dict, name: str, profiles: dict, call, *args):
    profiler = profiles.get(name)
    if profiler:
        profiler.enable()
    started = time.process_time()
    result = call(*args)
    timings.setdefault(name, []).append((time.process_time() - started) * 1000)
    if profiler:
        profiler.disable()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    data = json.loads((Path(os.environ["LOAD_WORK"]) / "sessions.json").read_text())
    learners = [Learner(a, data["slug"]) for a in data["learners"]]
    # Warm-up: the first learner's start and pages fill the template and translation caches.
    warm = learners.pop()
    warm.start()
    for position in range(1, 6):
        warm.save(position, warm.page(position))
    profiles = {name: cProfile.Profile() for name in args.profile}
    timings: dict[str, list[float]] = {}
    for learner in learners:
        measured(timings, "exam start", profiles, learner.start)
    for round_ in range(args.rounds):
        for learner in learners:
            position = round_ % 30 + 1
            text = measured(timings, "question page", profiles, learner.page, position)
            measured(timings, "answer save", profiles, learner.save, position, text)
    for name, values in timings.items():
        print(
            f"{name}: median {statistics.median(values):.2f} ms, "
            f"mean {statistics.fmean(values):.2f} ms CPU ({len(values)} requests)"
        )
    for name, profiler in profiles.items():
        print(f"\n== profile of {name}")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()

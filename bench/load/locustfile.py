"""Locust users of ``make load``: a learner starts the certification exam, then answers.

Each user takes one signed-in learner from ``$LOAD_WORK/sessions.json``, opens the exam,
starts it, then every 5–15 s opens a question page and saves an answer through the autosave
endpoint, as the page's script does. Every answer the server acknowledges is remembered and
written to ``$LOAD_WORK/acks.json`` at the end, for ``verify.py`` to check in the database.

A save that gets no answer from the site (the connection failed, or the proxy answered 502/503/
504 because the app server died) is sent again after a second, up to three times, as the exam
page's script does (``static/js/exam.js``): the version it carries makes that safe (decision
0903). Retries are counted as "answer save (retry)"; a save never acknowledged is "unsaved".
"""

import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from requests.cookies import create_cookie

WORK = Path(os.environ["LOAD_WORK"])
DATA = json.loads((WORK / "sessions.json").read_text())
SLUG = DATA["slug"]
ACCOUNTS = iter(DATA["learners"])
ACKS: dict[str, list[str]] = {}  # "attempt:position" -> the keys last acknowledged
STARTED: list[int] = []
UNSAVED: list[str] = []  # "attempt:position" of saves that no retry got through
RETRY_STATUSES = {0, 502, 503, 504}  # no answer from an app server
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPT_URL = re.compile(r"/attempts/(\d+)/")


class Learner(FastHttpUser):
    wait_time = between(5, 15)

    def on_start(self):
        self.account = next(ACCOUNTS)
        host = urlparse(self.host).hostname
        self.client.cookiejar.set_cookie(
            create_cookie("sessionid", self.account["session"], domain=host, path="/")
        )
        self.attempt = None
        self.next_position = 1
        self.total = 30
        page = self.client.get(f"/quizzes/{SLUG}/", name="quiz page")
        token = CSRF_INPUT.search(page.text)
        if not token:
            return
        self.token = token.group(1)
        # A browser's POST names its origin: Django checks it (and, over HTTPS, the Referer).
        self.origin = self.host.rstrip("/")
        with self.client.post(
            f"/quizzes/{SLUG}/start/",
            data={"csrfmiddlewaretoken": self.token},
            headers={"Origin": self.origin, "Referer": f"{self.origin}/quizzes/{SLUG}/"},
            name="exam start",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            match = ATTEMPT_URL.search(response.headers.get("Location", ""))
            if response.status_code != 302 or not match:
                response.failure(f"start refused: {response.status_code}")
                return
            self.attempt = int(match.group(1))
            STARTED.append(self.attempt)

    @task
    def answer_a_question(self):
        if self.attempt is None:
            return
        position = self.next_position
        self.next_position = position % self.total + 1
        page = self.client.get(f"/attempts/{self.attempt}/page/{position}/", name="question page")
        version = re.search(rf'name="q{position}-version" value="(\d+)"', page.text)
        choice = re.search(rf'type="(radio|checkbox)" name="q{position}-choice"', page.text)
        keys = re.findall(rf'name="q{position}-choice" value="([^"]+)"', page.text)
        if not (version and choice and keys):
            return
        if choice.group(1) == "checkbox":
            picked = sorted(random.sample(keys, random.randint(1, len(keys))), key=keys.index)
        else:
            picked = [random.choice(keys)]
        data = {
            "positions": [str(position)],
            f"q{position}-version": version.group(1),
            f"q{position}-choice": picked,
        }
        body = urlencode(data, doseq=True)
        referer = f"{self.origin}/attempts/{self.attempt}/page/{position}/"
        for attempt_number in range(4):
            outcome = self.save(
                body, referer, "answer save" if attempt_number == 0 else "answer save (retry)"
            )
            if outcome != "retry":
                break
            time.sleep(1)
        if outcome == "saved":
            ACKS[f"{self.attempt}:{position}"] = picked
        else:
            UNSAVED.append(f"{self.attempt}:{position}")

    def save(self, body: str, referer: str, name: str) -> str:
        """POST one autosave: "saved", "retry" (no answer from the site) or "refused"."""
        with self.client.post(
            f"/attempts/{self.attempt}/autosave/",
            data=body,
            headers={
                "Accept": "application/json",
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.token,
                "Origin": self.origin,
                "Referer": referer,
            },
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code in RETRY_STATUSES:
                response.failure(f"no answer from the site: {response.status_code}")
                return "retry"
            try:
                answer = response.json()
            except ValueError:
                response.failure(f"not JSON: {response.status_code}")
                return "refused"
            if response.status_code != 200 or not answer.get("ok"):
                response.failure(f"not saved: {response.status_code} {answer}")
                return "refused"
            return "saved"


@events.test_stop.add_listener
def write_acknowledged_answers(environment, **kwargs):
    (WORK / "acks.json").write_text(
        json.dumps({"started": STARTED, "acks": ACKS, "unsaved": UNSAVED})
    )

"""Locust users of ``make load``: a learner starts the certification exam, then answers.

Each user takes one signed-in learner from ``$LOAD_WORK/sessions.json``, opens the exam,
starts it, then every 5–15 s opens a question page and saves an answer through the autosave
endpoint, as the page's script does. Every answer the server acknowledges is remembered and
written to ``$LOAD_WORK/acks.json`` at the end, for ``verify.py`` to check in the database.
"""

import json
import os
import random
import re
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
        with self.client.post(
            f"/quizzes/{SLUG}/start/",
            data={"csrfmiddlewaretoken": self.token},
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
        with self.client.post(
            f"/attempts/{self.attempt}/autosave/",
            data=urlencode(data, doseq=True),
            headers={
                "Accept": "application/json",
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.token,
            },
            name="answer save",
            catch_response=True,
        ) as response:
            try:
                body = response.json()
            except ValueError:
                response.failure(f"not JSON: {response.status_code}")
                return
            if response.status_code != 200 or not body.get("ok"):
                response.failure(f"not saved: {response.status_code} {body}")
                return
            ACKS[f"{self.attempt}:{position}"] = picked


@events.test_stop.add_listener
def write_acknowledged_answers(environment, **kwargs):
    (WORK / "acks.json").write_text(json.dumps({"started": STARTED, "acks": ACKS}))

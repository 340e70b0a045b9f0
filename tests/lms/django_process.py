"""A Python snippet run in a real process of the site (its own settings from the environment),
for what a test process cannot show: an unreachable database, the log lines of a fresh
logging set-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings


def run_site_script(script: str, *, timeout: int, **environment: str):
    """Run ``script`` under ``lms.settings.test`` with ``environment`` added; returns the
    completed process and the JSON object its last printed line holds."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", **environment}
    result = subprocess.run(  # noqa: S603 — our own interpreter and snippet
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return result, json.loads(result.stdout.strip().splitlines()[-1])

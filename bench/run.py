#!/usr/bin/env python
"""Run every ``bench/bench_*.py`` against a fresh SQLite database under var/bench/.

Each script defines ``run()``, which builds the data it needs and prints its figures with
``bench.common.report``. Every script runs in a process of its own, as a server process would
serve its pages: what one benchmark leaves in memory (10,000 scorecards, a demo load) never
slows the next. They share the database. Usage: ``make bench`` or
``.venv/bin/python bench/run.py [name …]`` (a name selects the scripts that contain it).
"""

import importlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"


def main(selected: list[str]) -> int:
    shutil.rmtree(BENCH_VAR, ignore_errors=True)
    BENCH_VAR.mkdir(parents=True)
    (BENCH_VAR / "static").mkdir()  # STATIC_ROOT, which WhiteNoise expects to exist
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_VAR / 'db.sqlite3'}"
    os.environ["LMS_VAR_DIR"] = str(BENCH_VAR)
    os.environ["LOG_LEVEL"] = "WARNING"  # the figures, not the demo's page-by-page log
    # Files one benchmark's process writes (branding images) are read by the next ones.
    os.environ["MEDIA_ROOT"] = str(BENCH_VAR / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(BENCH_VAR / "private")
    # The certificate font's cut that make built, as a deployment has it (decision 0601).
    os.environ.setdefault("CERTIFICATE_FONTS_DIR", str(ROOT / "var" / "fonts"))
    python = sys.executable
    migrate = [python, str(ROOT / "manage.py"), "migrate", "-v0"]
    subprocess.run(migrate, cwd=ROOT, check=True)  # noqa: S603  (our own commands)
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    # The demo's group robot posts to the local sink, as under `make run` (not a refused
    # connection and a warning per post in the figures).
    with open(BENCH_VAR / "robot-posts.log", "w") as posts:
        sink = subprocess.Popen(  # noqa: S603
            [python, str(ROOT / "manage.py"), "robot_sink"], cwd=ROOT, stdout=posts, stderr=posts
        )
        try:
            failed = [
                name
                for name in names
                if subprocess.run([python, __file__, "--one", name], cwd=ROOT).returncode  # noqa: S603
            ]
        finally:
            sink.terminate()
            sink.wait(timeout=10)
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def run_one(name: str) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    logging.disable(logging.INFO)  # print the figures, not the demo's page-by-page log
    importlib.import_module(f"bench.{name}").run()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.exit(run_one(sys.argv[2]))
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python
"""Run every ``bench/bench_*.py`` against a fresh SQLite database under var/bench/.

Each script defines ``run()``, which builds the data it needs and prints its figures with
``bench.common.report``. Usage: ``make bench`` or ``.venv/bin/python bench/run.py [name …]``.
"""

import importlib
import logging
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_VAR = ROOT / "var" / "bench"


def main(selected: list[str]) -> int:
    shutil.rmtree(BENCH_VAR, ignore_errors=True)
    BENCH_VAR.mkdir(parents=True)
    (BENCH_VAR / "static").mkdir()  # STATIC_ROOT, which WhiteNoise expects to exist
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_VAR / 'db.sqlite3'}"
    os.environ["LMS_VAR_DIR"] = str(BENCH_VAR)
    import django

    django.setup()
    logging.disable(logging.INFO)  # print the figures, not the demo's page-by-page log
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

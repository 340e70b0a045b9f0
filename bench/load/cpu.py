"""CPU seconds used by the gunicorn master and workers, and by the PostgreSQL server.

``python bench/load/cpu.py GUNICORN_PID PGDATA`` prints one JSON line; run.sh calls it before
and after the Locust run, and verify.py turns the difference into CPU milliseconds per request,
which says whether the scenario fits in two dedicated cores whatever else the machine is doing.
"""

import json
import sys
from pathlib import Path

import psutil


def tree_cpu(pid: int) -> float:
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def main(gunicorn_pid: str, pgdata: str) -> None:
    postmaster = int(Path(pgdata, "postmaster.pid").read_text().split()[0])
    print(json.dumps({"app": tree_cpu(int(gunicorn_pid)), "db": tree_cpu(postmaster)}))


if __name__ == "__main__":
    main(*sys.argv[1:3])

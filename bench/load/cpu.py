"""CPU seconds used by each kind of server process of ``make load``.

``python bench/load/cpu.py GROUP=PID[,PID…] …`` prints one JSON object, the CPU seconds (user +
system) of each group's processes and all their children: ``app`` (the gunicorn masters and
workers), ``db`` (the postmaster and its backends), ``cache`` (Redis), ``proxy`` (nginx),
``tasks`` (the db_worker processes). run.sh calls it before and after the Locust run (and just
before it kills an app server, whose CPU would otherwise be lost), and verify.py turns the
difference into CPU milliseconds per request, which says whether the scenario fits in two
dedicated cores whatever else the machine is doing.
"""

import json
import sys

import psutil


def tree_cpu(pid: int) -> float:
    """CPU of the process ``pid`` and its descendants, the ones that ended included: each
    process's own time plus what its children that ended used (``children_*``, counted when
    the parent reaped them: a PostgreSQL backend that closed, a gunicorn worker replaced)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def main(groups: list[str]) -> None:
    totals = {}
    for group in groups:
        name, _, pids = group.partition("=")
        totals[name] = sum(tree_cpu(int(pid)) for pid in pids.split(",") if pid)
    print(json.dumps(totals))


if __name__ == "__main__":
    main(sys.argv[1:])

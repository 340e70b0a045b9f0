"""Report of ``make load``: latency per request type, errors, and lost answers.

Reads Locust's CSV statistics and the answers the server acknowledged
(``$LOAD_WORK/acks.json``), checks each against the database, prints the figures and the
budgets (no errors, no lost answers, p95 < 300 ms for answer saves and < 1 s for exam starts,
server CPU ≤ 8 ms per request) and exits non-zero when a budget is missed. The fault scenario
(an app server killed) allows the errors of the requests that server held, nothing else.
"""

import csv
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from exams.models import Attempt, AttemptQuestion  # noqa: E402

WORK = Path(os.environ["LOAD_WORK"])
SCENARIO = os.environ.get("LOAD_BATCH", "normal")
BUDGETS_MS = {"answer save": 300, "exam start": 1000}
CPU_BUDGET_MS = 8.0  # server CPU per request (issue 17, part 7)
# The server side of a request: app servers, database and cache (not the proxy, not Locust).
SERVER_GROUPS = ("app", "db", "cache")


def cpu_seconds() -> dict[str, float]:
    """CPU seconds of each group of server processes during the Locust run."""
    before = json.loads((WORK / "cpu-before.json").read_text())
    after = json.loads((WORK / "cpu-after.json").read_text())
    killed = WORK / "cpu-killed.json"  # the app server the fault run killed, just before
    if killed.exists():
        for group, seconds in json.loads(killed.read_text()).items():
            after[group] = after.get(group, 0.0) + seconds
    return {group: after[group] - before.get(group, 0.0) for group in after}


def in_requests() -> dict[str, tuple[int, float]]:
    """Request type → (count, mean CPU ms) inside the app servers' workers, from the files
    ``bench/load/request_cpu.py`` writes as each worker exits (none from a killed server)."""
    totals: dict[str, list[float]] = {}
    for path in WORK.glob("request-cpu-*.json"):
        for name, entry in json.loads(path.read_text()).items():
            total = totals.setdefault(name, [0, 0.0])
            total[0] += entry["requests"]
            total[1] += entry["requests"] * entry["cpu_ms"]
    return {name: (int(n), ms / n) for name, (n, ms) in totals.items() if n}


def print_in_requests(app_ms_per_request: float) -> None:
    """Where the app servers' CPU per request goes: inside the requests (by type), the rest."""
    measured = in_requests()
    if not measured:
        return
    count = sum(n for n, _ms in measured.values())
    mean = sum(n * ms for n, ms in measured.values()) / count
    kinds = ", ".join(f"{name} {ms:.1f} ms ({n})" for name, (n, ms) in sorted(measured.items()))
    print(f"  app CPU inside the workers' requests: {kinds}; mean {mean:.1f} ms")
    print(
        f"  app CPU outside them (gunicorn accepting, parsing, closing; idle workers): "
        f"{app_ms_per_request - mean:.1f} ms per request"
    )


def read_ms(path: Path) -> str:
    return path.read_text().strip() if path.exists() else "?"


def main() -> int:
    rows = list(csv.DictReader((WORK / "locust_stats.csv").open()))
    print(f"{'request':<20}{'count':>8}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    errors = 0
    p95 = {}
    for row in rows:
        name = row["Name"]
        failures = int(row["Failure Count"])
        if name == "Aggregated":
            errors = failures
        p95[name] = float(row["95%"] or 0)
        print(
            f"{name:<20}{row['Request Count']:>8}{failures:>8}"
            f"{row['50%']:>9}{row['95%']:>9}{row['99%']:>9}"
        )
    data = json.loads((WORK / "acks.json").read_text())
    acks = data["acks"]
    stored = {
        f"{aq.attempt_id}:{aq.position}": aq.response
        for aq in AttemptQuestion.objects.filter(attempt_id__in=data["started"]).only(
            "attempt_id", "position", "response"
        )
    }
    lost = [key for key, keys in acks.items() if stored.get(key) != keys]
    unsaved = data.get("unsaved", [])
    started = Attempt.objects.filter(pk__in=data["started"]).count()
    print(
        f"exams started: {started}; answers acknowledged: {len(acks)}; lost: {len(lost)}; "
        f"saves never acknowledged: {len(unsaved)}"
    )
    print(f"errors: {errors}")
    requests = sum(int(r["Request Count"]) for r in rows if r["Name"] not in ("Aggregated",))
    cpu = cpu_seconds()
    per_request = sum(cpu.get(g, 0.0) for g in SERVER_GROUPS) * 1000 / max(requests, 1)
    parts = ", ".join(f"{group} {seconds:.1f} s" for group, seconds in cpu.items())
    print(f"server CPU for {requests} requests: {parts}")
    print(f"cpu per request: {per_request:.1f} ms (budget ≤ {CPU_BUDGET_MS:.0f} ms)")
    print_in_requests(cpu.get("app", 0.0) * 1000 / max(requests, 1))
    for group in ("proxy", "tasks"):
        if group in cpu:
            print(f"  not counted above: {group} {cpu[group] * 1000 / max(requests, 1):.1f} ms")
    print(f"machine load at the end: {(WORK / 'uptime.txt').read_text().strip()}")
    before, after = (read_ms(WORK / f"reference-{when}.txt") for when in ("before", "after"))
    print(
        f"host speed: a fixed pure-Python loop took {before} ms before the run and {after} ms "
        "after it (bench/load/reference.py: the same work each time; lower is faster)"
    )
    failures = []
    if lost:
        failures.append(f"{len(lost)} lost answers, e.g. {lost[:5]}")
    if unsaved:
        failures.append(f"{len(unsaved)} saves never acknowledged, e.g. {unsaved[:5]}")
    if SCENARIO == "fault":
        # Requests in flight on the killed app server fail; what counts is that nothing
        # acknowledged is lost and every save got through in the end.
        print(f"errors while an app server was killed (expected: the requests it held): {errors}")
    else:
        if errors:
            failures.append(f"{errors} errors")
        for name, budget in BUDGETS_MS.items():
            verdict = "ok" if p95.get(name, 0) < budget else "OVER BUDGET"
            print(f"{name} p95: {p95.get(name, 0):.0f} ms (budget < {budget} ms) {verdict}")
            if verdict != "ok":
                failures.append(f"{name} p95 over {budget} ms")
        if per_request > CPU_BUDGET_MS:
            failures.append(f"cpu per request over {CPU_BUDGET_MS:.0f} ms")
    if failures:
        print(f"LOAD TEST ({SCENARIO}) FAILED: " + "; ".join(failures))
        return 1
    print(f"LOAD TEST ({SCENARIO}) PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())

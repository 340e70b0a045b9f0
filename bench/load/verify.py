"""Report of ``make load``: latency per request type, errors, and lost answers.

Reads Locust's CSV statistics and the answers the server acknowledged
(``$LOAD_WORK/acks.json``), checks each against the database, prints the figures and the
budgets (no errors, no lost answers, p95 < 300 ms for answer saves and < 1 s for exam starts)
and exits non-zero when a budget is missed.
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
BUDGETS_MS = {"answer save": 300, "exam start": 1000}


def main() -> int:
    rows = list(csv.DictReader((WORK / "locust_stats.csv").open()))
    print(f"{'request':<16}{'count':>8}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    errors = 0
    p95 = {}
    for row in rows:
        name = row["Name"]
        failures = int(row["Failure Count"])
        if name == "Aggregated":
            errors = failures
        p95[name] = float(row["95%"] or 0)
        print(
            f"{name:<16}{row['Request Count']:>8}{failures:>8}"
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
    started = Attempt.objects.filter(pk__in=data["started"]).count()
    print(f"exams started: {started}; answers acknowledged: {len(acks)}; lost: {len(lost)}")
    print(f"errors: {errors}")
    before = json.loads((WORK / "cpu-before.json").read_text())
    after = json.loads((WORK / "cpu-after.json").read_text())
    requests = sum(int(r["Request Count"]) for r in rows if r["Name"] != "Aggregated")
    app, db = after["app"] - before["app"], after["db"] - before["db"]
    if requests:
        print(
            f"server CPU: gunicorn {app:.1f} s + PostgreSQL {db:.1f} s for {requests} requests "
            f"= {(app + db) * 1000 / requests:.1f} ms per request"
        )
    print(f"machine load at the end: {(WORK / 'uptime.txt').read_text().strip()}")
    failures = []
    if errors:
        failures.append(f"{errors} errors")
    if lost:
        failures.append(f"{len(lost)} lost answers, e.g. {lost[:5]}")
    for name, budget in BUDGETS_MS.items():
        verdict = "ok" if p95.get(name, 0) < budget else "OVER BUDGET"
        print(f"budget {name} p95 < {budget} ms: {p95.get(name, 0):.0f} ms {verdict}")
        if verdict != "ok":
            failures.append(f"{name} p95 over {budget} ms")
    if failures:
        print("LOAD TEST FAILED: " + "; ".join(failures))
        return 1
    print("LOAD TEST PASSED: no errors, no lost answers, within the latency budgets")
    return 0


if __name__ == "__main__":
    sys.exit(main())

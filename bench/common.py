"""Helpers shared by the benchmark scripts (``make bench``).

Every figure is printed as ``name: value unit (budget …)``. Benchmarks report; they never fail
because a run was slow (the machines are shared and noisy).
"""

from __future__ import annotations

import contextlib
import statistics
import threading
import time
from collections.abc import Callable

import psutil
from django.test import Client


def report(name: str, value: float, unit: str, budget: str) -> None:
    print(f"{name}: {value:.2f} {unit} (budget {budget})", flush=True)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def time_calls(fn: Callable[[], object], n: int = 200, warmup: int = 5) -> list[float]:
    """Run ``fn`` n times after a warm-up; return each call's duration in milliseconds."""
    for _ in range(warmup):
        fn()
    durations = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def signed_in(user) -> Client:
    """A client signed in as ``user``, who has acknowledged the current privacy notice as they
    would on their first page: a benchmark measures its page, not the notice every page sends
    to once another benchmark's demo data has published one (decision 1002)."""
    from privacy.notice import acknowledge, current_notice

    notice = current_notice()
    if notice is not None:
        acknowledge(user, notice)
    client = Client()
    client.force_login(user)
    return client


def time_get(client: Client, url: str, n: int = 200) -> list[float]:
    """Server time of ``GET url`` through Django's full request/response cycle."""

    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return time_calls(call, n=n)


def report_page(client: Client, name: str, url: str, budget_ms: float, n: int = 200) -> None:
    """The median server time of a page beside its budget and its ratio to ``/healthz``,
    measured in the same run through the same client and middleware (the machine's speed at
    that moment: a ratio compares across machines and noisy runs; decision 0904)."""
    page = statistics.median(time_get(client, url, n=n))
    healthz = statistics.median(time_get(client, "/healthz", n=n))
    print(
        f"{name} median: {page:.2f} ms (budget <= {budget_ms:g} ms; "
        f"{page / healthz:.1f} x /healthz at {healthz:.2f} ms)",
        flush=True,
    )


def report_times(name: str, durations: list[float], median_budget: str, p95_budget: str) -> None:
    report(f"{name} median", statistics.median(durations), "ms", median_budget)
    report(f"{name} p95", percentile(durations, 95), "ms", p95_budget)


class PeakRss:
    """Samples the RSS of some processes every 50 ms in a thread; keeps each one's highest."""

    def __init__(self, processes: list[psutil.Process]):
        self.processes = processes
        self.peaks = [0] * len(processes)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(0.05):
            for index, process in enumerate(self.processes):
                with contextlib.suppress(psutil.NoSuchProcess):  # it has just exited
                    self.peaks[index] = max(self.peaks[index], process.memory_info().rss)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

"""The host's speed now: a fixed pure-Python loop, timed (CPU milliseconds, median of seven).

``python bench/load/reference.py FILE`` writes the figure to FILE. ``make load`` runs it before
and after each scenario and prints both beside the CPU per request, so that a reader can tell a
slow quarter hour of a shared host from slower code: the loop does the same work every time, so
its time moves only with the machine (decision 0905).
"""

import statistics
import sys
import time
from pathlib import Path


def work() -> int:
    """200,000 dictionary inserts of short strings, then a pass over the keys."""
    table = {}
    for number in range(200_000):
        table[str(number)] = number * 2
    return sum(len(key) for key in table)


def reference_ms(rounds: int = 7) -> float:
    timings = []
    for _ in range(rounds):
        started = time.process_time()
        work()
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(f"{reference_ms():.0f}\n")

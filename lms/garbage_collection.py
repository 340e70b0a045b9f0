"""Pausing CPython's cyclic garbage collector for a bulk run (decision 0805).

A run that keeps millions of small objects alive at once — ``send_reminders``' first run holds
about 400,000 notices and a million rows of what went out, each a tuple — makes the collector
walk all of them again at every full collection: a fifth of that run's time, mostly to find
nothing, since tuples, dicts and lists of plain values make no reference cycles and reference
counting frees them. ``collector_paused()`` switches the collector off for such a block and on
again after it; start-up's objects are frozen out of it as well (``lms/wsgi.py``, 0905).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector is switched on again after
    it unless it was already off (a block inside another leaves it to the outer one).

    A block that leaves more new objects than the collector lets by before it considers a
    full collection (the product of its thresholds: 70,000 by default) ends with one full
    collection: the block pays for what it made, once, not whatever runs next (a
    ``send_reminders`` with nothing to send after one that sent 400,000 notices would pay it,
    and walk the caller's million rows too). A smaller block ends with none."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            young, _older, _oldest = gc.get_count()
            first, second, third = gc.get_threshold()
            if young > first * second * third:
                gc.collect()
            gc.enable()

"""Forgetting cached values when the rows they came from change.

A change made inside a transaction is seen by other requests only once it commits. A cache
entry forgotten when the change is made (a signal, a service) can be filled again by a request
that reads in between, from the rows before the change, and that entry then outlives the
commit. ``now_and_once_committed`` forgets at once (the request making the change sees its
own change) and again when the transaction commits (no entry from before it survives). Used
by the navigation cache (roles decide access), the course pages' tree version and the unread
counts (decisions 0904, 0905).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction


def now_and_once_committed(forget: Callable[[], None]) -> None:
    """``forget()`` now, and again once the current transaction (if any) commits."""
    forget()
    transaction.on_commit(forget)

"""What other apps call to write and read the audit trail (decision 1000).

- After (or inside the transaction of) a decision: ``record("certificates.revoked",
  actor=request.user, obj=certificate, subject=holder, before={...}, after={...}, reason=…,
  request=request)``. The action must be listed in ``audit/actions.py``; one that needs a reason
  raises ``ReasonRequired`` without one. Never put a person's name in ``before``/``after``.
- Staff reading another person's scorecard, report or answers:
  ``record_access(viewer=request.user, subject=learner, obj=scorecard, request=request)``.
- ``entries_about(person)`` lists what the trail says about a person (their data export).
- ``current_request()``: the request being answered (``None`` outside one), for a signal
  handler that records a decision without a request passed down.
"""

from __future__ import annotations

from audit.actions import ACTIONS, Action
from audit.context import current_request
from audit.models import Chain, Entry
from audit.selectors import entries_about
from audit.services import ReasonRequired, prune_access_log, record, record_access

__all__ = [
    "ACTIONS",
    "Action",
    "Chain",
    "Entry",
    "current_request",
    "ReasonRequired",
    "entries_about",
    "prune_access_log",
    "record",
    "record_access",
]

"""The hash chain: what an entry's sha256 covers, and how a chain is checked (decision 1000).

An entry's hash is the sha256 of its content (every column but the hash itself, the previous
entry's hash included) as canonical JSON: keys sorted, no spaces, UTF-8, times in UTC with
microseconds. Changing any column of any row, removing a row, or removing the newest rows (the
chain's head remembers the last hash and number) is found by ``verify``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder

from audit.models import Chain, Entry, Head

# Columns the hash covers, in the order they are listed (the JSON sorts them anyway).
COVERED = (
    "chain",
    "sequence",
    "at",
    "actor_id",
    "address",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "subject_id",
    "before",
    "after",
    "reason",
    "previous_hash",
)


def plain(value) -> dict:
    """``value`` as it reads back from a JSON column (decimals and dates become strings), so
    that the hash of a stored row is the hash of what was written."""
    return json.loads(json.dumps(value or {}, cls=DjangoJSONEncoder))


def content_hash(entry: Entry) -> str:
    content = {name: getattr(entry, name) for name in COVERED}
    content["at"] = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place a chain does not hold: the entry (or the head) and what is wrong."""

    chain: str
    sequence: int | None
    problem: str

    def __str__(self):
        where = f"entry #{self.sequence}" if self.sequence is not None else "the chain's head"
        return f"{self.chain} log, {where}: {self.problem}"


def verify(chain: str, *, batch: int = 2000) -> tuple[int, Break | None]:
    """Walk ``chain`` from its oldest entry; return how many entries held and the first break.

    The oldest entry of the access log may follow pruned entries: its previous hash must then be
    the one the last pruning recorded in the decision log.
    """
    expected_previous, expected_sequence = _start_of(chain)
    checked = 0
    last_sequence = 0
    rows = Entry.objects.filter(chain=chain).order_by("sequence")
    for entry in rows.iterator(chunk_size=batch):
        if expected_sequence is not None and entry.sequence != expected_sequence:
            problem = f"expected entry #{expected_sequence} here: entries are missing"
            return checked, Break(chain, entry.sequence, problem)
        if entry.previous_hash != expected_previous and expected_previous is not None:
            problem = "its link to the entry before does not match: an entry was changed or removed"
            return checked, Break(chain, entry.sequence, problem)
        if content_hash(entry) != entry.hash:
            return checked, Break(chain, entry.sequence, "its content does not match its hash")
        expected_previous, expected_sequence = entry.hash, entry.sequence + 1
        last_sequence = entry.sequence
        checked += 1
    head = Head.objects.filter(chain=chain).first()
    if (
        head is not None
        and checked
        and (head.sequence, head.last_hash) != (last_sequence, expected_previous)
    ):
        problem = f"the newest entry should be #{head.sequence}: entries were removed from the end"
        return checked, Break(chain, None, problem)
    return checked, None


def _start_of(chain: str) -> tuple[str | None, int | None]:
    """The previous hash and number the oldest remaining entry must have (None: any)."""
    if chain != Chain.ACCESS:
        return "", 1
    pruning = (
        Entry.objects.filter(chain=Chain.DECISION, action="audit.access_log_pruned")
        .order_by("-sequence")
        .first()
    )
    if pruning is None:
        return "", 1
    return pruning.after["last_hash"], pruning.after["last_sequence"] + 1

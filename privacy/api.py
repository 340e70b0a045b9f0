"""What other apps call to take part in personal-data requests (decision 1002).

Privacy sits at the very top of the layers, so apps above the domain apps (appeals) cannot be
imported from here. Instead they register what privacy needs to know:

- ``register_erasure_blocker(fn)``: ``fn(person) -> str | None`` returns why ``person`` cannot
  be erased now (e.g. "has an open appeal"), or ``None``. ``erase_person`` refuses while any
  blocker answers.
- ``register_export_section(name, fn)``: ``fn(person) -> list[dict]`` returns JSON-able rows
  for the section ``name`` of the person's data export (one sheet in the workbook).
- ``register_erasure_handler(fn)``: ``fn(person, *, dry_run) -> dict[str, int]`` removes (or,
  in a dry run, only counts) the free text and files the registering app keeps about
  ``person`` (e.g. appeal reasons and attachments), inside the erasure's transaction.

Register from your ``AppConfig.ready()`` (registering the same function twice is harmless).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ErasureBlocker = Callable[[Any], "str | None"]
ExportSection = Callable[[Any], list[dict]]

_erasure_blockers: list[ErasureBlocker] = []
_export_sections: dict[str, ExportSection] = {}
_erasure_handlers: list[Callable[..., dict[str, int]]] = []


def register_erasure_blocker(fn: ErasureBlocker) -> ErasureBlocker:
    """Add ``fn(person) -> str | None``; a string is why the person cannot be erased now."""
    if fn not in _erasure_blockers:
        _erasure_blockers.append(fn)
    return fn


def register_export_section(name: str, fn: ExportSection) -> ExportSection:
    """Add (or replace) the export section ``name``: ``fn(person) -> list[dict]``."""
    _export_sections[name] = fn
    return fn


def erasure_blockers(person) -> list[str]:
    """Why ``person`` cannot be erased now, one line per registered blocker that objects."""
    reasons = []
    for fn in list(_erasure_blockers):
        reason = fn(person)
        if reason:
            reasons.append(str(reason))
    return reasons


def registered_export_sections() -> dict[str, ExportSection]:
    """The sections other apps registered, by name."""
    return dict(_export_sections)


def register_erasure_handler(fn: Callable[..., dict[str, int]]) -> Callable[..., dict[str, int]]:
    """Add ``fn(person, *, dry_run) -> dict[str, int]``, run by every erasure (see above)."""
    if fn not in _erasure_handlers:
        _erasure_handlers.append(fn)
    return fn


def erasure_handlers() -> list[Callable[..., dict[str, int]]]:
    """The handlers other apps registered, in the order they registered."""
    return list(_erasure_handlers)

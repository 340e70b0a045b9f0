"""The assignments app's part of ``load_demo_data``; the reminders run last (decision 0805)."""

from __future__ import annotations

from assignments.reminders_demo import load_reminders


def load(*, password: str | None, stdout) -> None:
    load_reminders(stdout=stdout)

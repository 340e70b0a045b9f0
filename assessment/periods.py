"""Periods of metrics and scorecards: ``YYYY``, ``YYYY-Qn`` or ``YYYY-MM`` (no Django needed)."""

from __future__ import annotations

import re

PERIOD_RE = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")


def is_period(text: str) -> bool:
    """``YYYY``, ``YYYY-Qn`` or ``YYYY-MM``."""
    return bool(PERIOD_RE.match(text))

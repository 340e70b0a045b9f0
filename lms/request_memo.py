"""Reads shared by the parts of one request (decision 0904, third round).

The learner's dashboard is made of panels from several apps (``lms.dashboards``), and two of
them may need the same rows of the same person: the to-do list's case results and the
practice-case panel both read the learner's case reports. A ``Memo`` is made for the request
(``for_request``) and passed as an argument down to the app's ``api`` or ``selectors``
function, which reads once and hands the same rows to the second caller.

A memo lives as long as its request and holds only what that request read, so it cannot show
anything staler than the page itself; a function called without one reads as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """Values read once in a request, by a key naming what was read and for whom."""

    def __init__(self):
        self._values: dict[Hashable, object] = {}

    def get(self, key: Hashable, read: Callable[[], T]) -> T:
        """The value kept under ``key``, or ``read()``'s, kept for the rest of the request."""
        if key not in self._values:
            self._values[key] = read()
        return self._values[key]  # type: ignore[return-value]


def for_request(request) -> Memo:
    """The request's memo, made on first use (kept on the request, as Django keeps the user)."""
    memo = getattr(request, "_lms_memo", None)
    if memo is None:
        memo = request._lms_memo = Memo()
    return memo


def read(memo: Memo | None, key: Hashable, read: Callable[[], T]) -> T:
    """``read()`` through ``memo`` when there is one, else straight away."""
    return read() if memo is None else memo.get(key, read)

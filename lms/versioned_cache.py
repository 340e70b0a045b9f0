"""Entries kept in the cache under a version that a change replaces (decisions 0903, 0904).

A family of entries (each person's navigation, each person's assignments, the published
quizzes, …) shares a **version**: a random token kept in the cache without expiry. Every
entry is stored with the version it was read under and is used only while that version is
current. A change to anything the family is read from replaces the version (``changed``, at
once and again when the transaction commits: ``lms.invalidation``), so every server reads
every entry again on its next use; the old entries are left to expire after ``timeout``
seconds.

The version is read before the value is worked out: a change committed meanwhile replaces
it, and the entry stored from the rows before the change is never used.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from lms.invalidation import now_and_once_committed

T = TypeVar("T")


class Versioned:
    def __init__(self, name: str, *, timeout: int):
        self.name = name
        self.version_key = f"{name}:version"
        self.timeout = timeout

    def key(self, *parts: object) -> str:
        """The key of one entry of the family: ``name:part:part``."""
        return ":".join([self.name, *map(str, parts)])

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """The entry at ``key`` while its version is current, else ``compute()`` (kept)."""
        found = cache.get_many([self.version_key, key])
        version, entry = found.get(self.version_key), found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return entry[1]
        if version is None:
            version = self.new_version()
        value = compute()
        cache.set(key, (version, value), self.timeout)
        return value

    def new_version(self) -> str:
        """Replace the version now (every entry is read again on its next use)."""
        version = uuid.uuid4().hex
        cache.set(self.version_key, version, None)
        return version

    def changed(self, **signal) -> None:
        """Something every entry may come from changed: replace the version now and again once
        the transaction commits. Takes a signal's arguments, so it can be its receiver."""
        now_and_once_committed(self.new_version)

    def forget(self, *keys: str) -> None:
        """Forget these entries now and again once the transaction commits."""
        now_and_once_committed(lambda: cache.delete_many(list(keys)))

"""What the course pages keep in the shared cache: only what does not depend on the reader.

Three kinds of entries (decision 0904), all in Django's default cache (local memory in
development, the database or Redis in production: ``CACHE_URL``):

- a course's structure: its live modules and lessons as ``progress.ModuleRow`` /
  ``progress.LessonRow`` (``courses.structure``), per course page and the course's URL;
- a lesson's rendered body, per page and language (``lesson_body``);
- the rendered outline of a course, per course, language, the lesson shown and the state of
  every lesson in it (completed, locked): two readers at the same point share it, and the key
  changes the moment a reader's progress does (``courses_tags.course_outline``).

Every key carries the **tree version**, a random token that changes whenever a page, an image
or a document is saved, published, unpublished, moved or deleted (``courses.signals``): a
change to the tree is seen by every server on its next request, and the entries of an older
version are left to expire.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import translation

TREE_VERSION_KEY = "courses:tree-version"
TIMEOUT = 24 * 60 * 60  # entries of an older tree version go after a day at the latest

T = TypeVar("T")


def tree_version() -> str:
    """The current tree version (made on first use, kept until the tree changes)."""
    version = cache.get(TREE_VERSION_KEY)
    if version is None:
        cache.add(TREE_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(TREE_VERSION_KEY) or "unversioned"
    return version


def bump_tree_version() -> None:
    """Forget every cached structure, body and outline: the tree has changed."""
    cache.set(TREE_VERSION_KEY, uuid.uuid4().hex, None)


def key(kind: str, *parts: object, version: str | None = None) -> str:
    """A cache key of ``kind`` for these parts, under the current tree version. Parts are
    hashed (a URL or a state may be long, or hold characters memcached keys may not)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16)
    return f"courses:{kind}:{version or tree_version()}:{digest.hexdigest()}"


def language() -> str:
    return translation.get_language() or ""


def cached(cache_key: str, compute: Callable[[], T]) -> T:
    """The value under ``cache_key``, computed and stored when it is not there."""
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value

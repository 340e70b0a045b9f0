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
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Site

from lms.invalidation import now_and_once_committed

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
    """Forget every cached page, structure, body and outline: the tree has changed. Now, and
    again once the current transaction (if any) commits: a page read in between would find
    the rows from before the change and keep them under the new version."""
    now_and_once_committed(_new_tree_version)


def _new_tree_version() -> None:
    cache.set(TREE_VERSION_KEY, uuid.uuid4().hex, None)


def key(kind: str, *parts: object, version: str | None = None) -> str:
    """A cache key of ``kind`` for these parts, under the current tree version. Parts are
    hashed (a URL or a state may be long, or hold characters memcached keys may not)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16)
    return f"courses:{kind}:{version or tree_version()}:{digest.hexdigest()}"


def language() -> str:
    return translation.get_language() or ""


# The entries this process read last, by their key: a key names its value for good (the tree
# version is in it), so a copy kept here is never stale, and a page spares unpickling the
# course's rows on every request. Bounded: the oldest go first.
LOCAL_ENTRIES = 256
_local: OrderedDict[str, object] = OrderedDict()


def _remember(cache_key: str, value) -> None:
    _local[cache_key] = value
    _local.move_to_end(cache_key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


def get_many(keys: list[str]) -> dict[str, object]:
    """The entries of these keys that this process or the shared cache holds."""
    found = {k: _local[k] for k in keys if k in _local}
    missing = [k for k in keys if k not in found]
    if missing:
        shared = cache.get_many(missing)
        for cache_key, value in shared.items():
            _remember(cache_key, value)
        found.update(shared)
    return found


def set_many(entries: dict[str, object]) -> None:
    cache.set_many(entries, TIMEOUT)
    for cache_key, value in entries.items():
        _remember(cache_key, value)


def cached(cache_key: str, compute: Callable[[], T]) -> T:
    """The value under ``cache_key``, computed and stored when it is not there (``None`` is
    not stored: it is computed again next time)."""
    value = get_many([cache_key]).get(cache_key)
    if value is None:
        value = compute()
        if value is not None:
            set_many({cache_key: value})
    return value


def site_for(request):
    """The Wagtail site serving ``request``'s host and port, kept under the tree version (a
    change to any site replaces it: ``courses.signals``); the entry ``CachedSiteMiddleware``
    keeps for course pages. Pages that are not Wagtail's (the dashboard) pass it to
    ``Page.get_url(current_site=…)``, which would otherwise look the site up with a query."""
    host = split_domain_port(request._get_raw_host())[0]
    return cached(key("site", host, request.get_port()), lambda: Site._find_for_request(request))

"""How many unread notifications each person has, for the header of every page, from the cache.

The header shows the count on every page; counting is a query of its own on every request
(decision 0905). The count is kept in the cache per person and forgotten after every write that
can change it, once that write is committed, so the next page counts again:

- a notification saved or deleted one at a time (``notify``, ``mark_read``, an erasure, a
  person deleted): the model's signals, below;
- the writes that send no signal: ``mark_all_read``'s ``UPDATE`` and the bulk inserts of
  ``notifications.bulk``, which call ``forget`` with the people they wrote for.

Entries also expire after ``TIMEOUT`` seconds, so that a write made outside this app (SQL by
hand) is seen within minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lms.invalidation import now_and_once_committed
from notifications.models import Notification

TIMEOUT = 300  # seconds


def _key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def count(user_id: int, counted: Callable[[], int]) -> int:
    """The unread count of person ``user_id``: from the cache, else ``counted()``, kept."""
    found = cache.get(_key(user_id))
    if found is None:
        found = counted()
        cache.set(_key(user_id), found, TIMEOUT)
    return found


def forget(user_ids: Iterable[int]) -> None:
    """Count these people's notifications again on their next page: now, and again once the
    current transaction (if any) has committed, since a page counting in between would keep
    the count from before the write."""
    keys = [_key(user_id) for user_id in set(user_ids)]
    if keys:
        now_and_once_committed(lambda: cache.delete_many(keys))


@receiver(post_save, sender=Notification)
@receiver(post_delete, sender=Notification)
def notification_changed(sender, instance, **kwargs):
    forget([instance.recipient_id])

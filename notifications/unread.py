"""How many unread notifications each person has, for the header of every page, from the cache.

The header shows the count on every page; counting is a query of its own on every request
(decision 0905). The count is kept in the cache per person and forgotten after every write that
can change it, once that write is committed, so the next page counts again:

- a notification saved or deleted one at a time (``notify``, ``mark_read``, an erasure, a
  person deleted): the model's signals, below;
- the writes that send no signal: ``mark_all_read``'s ``UPDATE`` and the bulk inserts of
  ``notifications.bulk``, which call ``forget`` with the people they wrote for.

Each person's count is kept under a version of their own (``lms.versioned_cache``), which
forgetting deletes (one statement for thousands of people, on Redis or the database cache):
the next page makes a new version, so a page that read the old one, then counted while a
notification was committed, stores its count under a version no page uses. (Deleting the
entry itself let that page store the old count after the deletion, for ``TIMEOUT``.)

Entries also expire after ``TIMEOUT`` seconds, so that a write made outside this app (SQL by
hand) is seen within minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lms.invalidation import now_and_once_committed
from lms.versioned_cache import Versioned
from notifications.models import Notification

TIMEOUT = 300  # seconds


def _person(user_id: int) -> Versioned:
    return Versioned(f"notifications:unread:{user_id}", timeout=TIMEOUT)


def count(user_id: int, counted: Callable[[], int]) -> int:
    """The unread count of person ``user_id``: from the cache, else ``counted()``, kept."""
    person = _person(user_id)
    return person.get(person.key("count"), counted)


def forget(user_ids: Iterable[int]) -> None:
    """Count these people's notifications again on their next page: their versions go now,
    and again once the current transaction (if any) has committed, since a page counting in
    between reads the rows from before the write."""
    keys = [_person(user_id).version_key for user_id in set(user_ids)]
    if keys:
        now_and_once_committed(lambda: cache.delete_many(keys))


@receiver(post_save, sender=Notification)
@receiver(post_delete, sender=Notification)
def notification_changed(sender, instance, **kwargs):
    forget([instance.recipient_id])

"""Notifications many at once (``send_reminders``: thousands of people per run; decisions 0800
and 0805): the promise of ``services.notify`` — one notification per person, event, item and
stage; one delivery per channel — in a few queries per 1,000 notices.

Emails go one per notification. A group robot posts one **digest** per item and stage: "Zhang
San, Li Si and 85 others: the exam is due in 3 days" instead of a message per person, which a
group chat would drown in and a platform would throttle (WeCom: 20 messages a minute).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext, ngettext, pgettext

from notifications import events, unread
from notifications.models import Channel, Delivery, Notification, Preference, Robot

# The task that queues one ``services.DELIVER_TASK`` per delivery of a batch.
DELIVER_MANY_TASK = "notifications.tasks.deliver_notifications"
# Names a digest spells out before "and N others".
DIGEST_NAMES = 20

CHUNK = 1000
# Notices written in one transaction (each commit costs a disk flush).
WRITE_CHUNK = 5000


class Notice(NamedTuple):
    """One thing to tell one person, as ``notify`` takes it (a named tuple: hundreds of
    thousands are made in one run)."""

    recipient_id: int
    event: str
    item: str
    title: str
    url: str
    title_en: str = ""
    stage: str = ""

    @property
    def key(self) -> tuple[int, str, str, str]:
        return (self.recipient_id, self.event, self.item, self.stage)


class Sent(NamedTuple):
    """One channel a notice went (or, in a dry run, would go) out on: ``inbox`` (the inbox
    entry, always), ``email``, or ``robot:<id>`` (one group robot)."""

    recipient_id: int
    event: str
    item: str
    stage: str
    channel: str


def already_notified(keys: Iterable[tuple[int, str, str, str]]) -> set[tuple[int, str, str, str]]:
    """The (recipient id, event, item, stage) among ``keys`` that were notified already. One
    query per 1,000 recipients (through the recipient's unread index)."""
    keys = set(keys)
    recipients = sorted({key[0] for key in keys})
    events_asked = sorted({key[1] for key in keys})
    found = set()
    for start in range(0, len(recipients), CHUNK):
        rows = Notification.objects.filter(
            recipient_id__in=recipients[start : start + CHUNK], event__in=events_asked
        ).values_list("recipient_id", "event", "item", "stage")
        found.update(row for row in rows.iterator(chunk_size=5000) if row in keys)
    return found


def told_about(*, event: str, stage: str, items: Iterable[str]) -> set[tuple[int, str]]:
    """(recipient id, item) of every notification of ``event`` at ``stage`` about one of
    ``items``. 1 query per 1,000 items through the (item, event, stage, recipient) unique
    index, the rows read by the driver: a sender checks 10,000 people in milliseconds."""
    items = sorted(set(items))
    table = connection.ops.quote_name(Notification._meta.db_table)
    found = set()
    with connection.cursor() as cursor:
        for start in range(0, len(items), CHUNK):
            part = items[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(part))
            # The table's name from the model's metadata; every value is a parameter.
            sql = (
                f"SELECT recipient_id, item FROM {table} "  # noqa: S608
                f"WHERE item IN ({marks}) AND event = %s AND stage = %s"
            )
            cursor.execute(sql, [*part, event, stage])
            found.update(cursor.fetchall())
    return found


def notify_many(
    *, notices: Iterable[Notice], dry_run: bool = False, checked: bool = False
) -> list[Sent]:
    """``notify`` for many notices at once, with the same promise: one notification per person,
    event, item and stage, one delivery per channel, each sent by a task of its own. Notices
    already notified are skipped. Channels are planned once per person (a few queries per
    1,000 people); notifications and deliveries are written with plain multi-row inserts,
    5,000 notices a transaction, each of which queues one task that queues a task per
    delivery. When another run wrote one of a chunk's notifications first, that chunk goes
    one notice at a time, so nobody is told twice. ``dry_run`` writes and sends nothing and
    returns what would go out. ``checked``: the caller has just left out who was told
    (``told_about``), so they are not looked up again (a run that raced it still tells
    nobody twice)."""
    notices = list({notice.key: notice for notice in notices}.values())
    if not checked:
        done = already_notified(notice.key for notice in notices)
        notices = [notice for notice in notices if notice.key not in done]
    planned = _channels({n.recipient_id for n in notices}, {n.event for n in notices})
    sent: list[Sent] = []
    written: set[int] = set()
    try:
        for start in range(0, len(notices), WRITE_CHUNK):
            chunk = notices[start : start + WRITE_CHUNK]
            if not dry_run:
                with transaction.atomic():
                    owned = _claim(chunk)
                    delivery_ids = _insert_deliveries(owned, planned)
                chunk = [notice for notice, _pk in owned]
                written.update(n.recipient_id for n in chunk)
                if delivery_ids:
                    # One string: django-tasks normalises a list's values one by one (~10 µs
                    # each).
                    ids = ",".join(str(pk) for pk in delivery_ids)
                    import_string(DELIVER_MANY_TASK).enqueue(delivery_ids=ids)
            sent += _sent(chunk, planned)
    finally:
        # The inserts send no signal. Each person's count is forgotten once, after the last
        # chunk committed, not once per chunk (a person is in dozens of a run's chunks).
        unread.forget(written)
    return sent


def _sent(notices: list[Notice], planned: Planned) -> list[Sent]:
    """The channels ``notices`` went out on: the inbox, and each one planned."""
    labels: dict[tuple[int, str], list[str]] = {}  # (person id, event) → channels as named
    sent = []
    make = Sent._make  # a million in a first run: not through the named tuple's __new__
    for recipient_id, event, item, _title, _url, _title_en, stage in notices:
        mine = labels.get((recipient_id, event))
        if mine is None:
            mine = ["inbox"] + [plan[0] for plan in planned.channels[(recipient_id, event)]]
            labels[(recipient_id, event)] = mine
        sent += [make((recipient_id, event, item, stage, label)) for label in mine]
    return sent


class Planned(NamedTuple):
    """``channels``: (person id, event) → the deliveries ``services.notify`` would plan, as
    (channel as ``Sent`` names it, channel, target, robot id); ``names``: person id → the
    name a group robot's digest shows."""

    channels: dict[tuple[int, str], list[tuple]]
    names: dict[int, str]


def _channels(user_ids: set[int], event_keys: set[str]) -> Planned:
    """What to send each person (``Planned``). 4 queries per 1,000 people (people,
    preferences, robot resolvers) and 1 for the robots."""
    ids = sorted(user_ids)
    emails, names, wanted, robot_ids = {}, {}, {}, {}
    User = get_user_model()
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        for person in User.objects.filter(pk__in=part).only(*_NAME_FIELDS, "email"):
            emails[person.pk] = person.email
            names[person.pk] = person.get_full_name()
        rows = Preference.objects.filter(user_id__in=part, event__in=event_keys)
        for user_id, event, email, robot in rows.values_list("user_id", "event", "email", "robot"):
            wanted[(user_id, event)] = (email, robot)
        robot_ids.update(events.robots_for(part))
    robots = dict(
        Robot.objects.filter(
            pk__in={pk for found in robot_ids.values() for pk in found}, active=True
        ).values_list("pk", "name")
    )
    found = {}
    for key in event_keys:
        event_type = events.get(key)
        required = events.required_channels(key)
        for user_id in ids:
            email, robot = wanted.get(
                (user_id, key), (event_type.email_default, event_type.robot_default)
            )
            email = email or Channel.EMAIL in required
            robot = robot or Channel.ROBOT in required
            planned = []
            if email and event_type.email is not None and emails.get(user_id):
                planned.append(("email", Channel.EMAIL, emails[user_id], None))
            if robot:
                for pk in sorted(robot_ids.get(user_id, [])):
                    if pk in robots:
                        planned.append((f"robot:{pk}", Channel.ROBOT, robots[pk], pk))
            found[(user_id, key)] = planned
    return Planned(found, names)


_NAME_FIELDS = ("display_name", "first_name", "last_name", "username")


def _insert(model, columns: list[str], rows: list[tuple]) -> list[int]:
    """A plain multi-row INSERT … RETURNING id, 500 rows a statement, through the driver's own
    cursor (``bulk_create`` costs ~20 µs a value, and Django's cursor rewrites each long
    statement's placeholders); the new ids in the order of ``rows``."""
    quote = connection.ops.quote_name
    mark = "?" if connection.vendor == "sqlite" else "%s"
    row = "({})".format(", ".join([mark] * len(columns)))
    ids = []
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        for start in range(0, len(rows), 500):
            part = rows[start : start + 500]
            # Names from the model's own metadata; every value is a parameter.
            sql = "INSERT INTO {} ({}) VALUES {} RETURNING {}".format(  # noqa: S608
                quote(model._meta.db_table),
                ", ".join(quote(column) for column in columns),
                ", ".join([row] * len(part)),
                quote("id"),
            )
            cursor.execute(sql, [value for values in part for value in values])
            ids += [found[0] for found in cursor.fetchall()]
    finally:
        cursor.close()
    return ids


def _claim(notices: list[Notice]) -> list[tuple[Notice, int]]:
    """Write the chunk's notifications; returns (notice, notification id) of those this run
    wrote. When another run wrote one of them first (the unique constraint refuses the
    insert), one at a time."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (
            n.recipient_id,
            n.event,
            n.item,
            n.stage,
            n.title[:300],
            n.title_en[:300],
            n.url[:500],
            now,
        )
        for n in notices
    ]
    columns = ["recipient_id", "event", "item", "stage", "title", "title_en", "url", "created_at"]
    try:
        with transaction.atomic():
            return list(zip(notices, _insert(Notification, columns, rows), strict=True))
    # Another run told some of these people first (the driver's own error: its cursor).
    except (IntegrityError, connection.Database.IntegrityError):
        pass
    owned = []
    for notice, row in zip(notices, rows, strict=True):
        notification, created = Notification.objects.get_or_create(
            recipient_id=notice.recipient_id,
            event=notice.event,
            item=notice.item,
            stage=notice.stage,
            defaults={"title": row[4], "title_en": row[5], "url": row[6]},
        )
        if created:
            owned.append((notice, notification.pk))
    return owned


def _insert_deliveries(owned: list[tuple[Notice, int]], planned: Planned) -> list[int]:
    """The deliveries of the notifications this run wrote: an email each, and a digest per
    group robot, item, stage and title; returns their ids."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    pending = Delivery.Status.PENDING
    rows = []
    # (robot id, robot name, event, item, stage, title, url) → [(notification id, person id)]
    digests: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for (recipient_id, event, item, title, url, _title_en, stage), pk in owned:
        for _label, channel, target, robot_id in planned.channels[(recipient_id, event)]:
            if channel == Channel.ROBOT:
                group = (robot_id, target, event, item, stage, title, url)
                digests[group].append((pk, recipient_id))
                continue
            key = f"{recipient_id}:{event}:{item}:{stage}:email"
            rows.append((pk, channel, None, target[:300], key, pending, 0, "", now))
    columns = [
        "notification_id",
        "channel",
        "robot_id",
        "target",
        "key",
        "status",
        "attempts",
        "last_error",
        "created_at",
    ]
    ids = _insert(Delivery, columns, rows) if rows else []
    made = Delivery.objects.bulk_create(
        _digest(group, told, planned.names) for group, told in digests.items()
    )
    return ids + [delivery.pk for delivery in made]


def _digest(group: tuple, told: list[tuple[int, int]], names: dict[int, str]) -> Delivery:
    """One robot's post about everyone of its group told about one item at one stage. Its key
    names the first notification: a later run's newcomers make a digest of their own."""
    robot_id, robot_name, event, item, stage, title, url = group
    # Group chats read the site's first language (Chinese), whoever the people are.
    with translation.override(settings.LANGUAGE_CODE):
        people = [names.get(person, "") for _pk, person in sorted(told)]
        shown = pgettext("list separator", ", ").join(people[:DIGEST_NAMES])
        others = len(people) - DIGEST_NAMES
        if others > 0:
            shown = ngettext(
                "%(names)s and %(count)d other", "%(names)s and %(count)d others", others
            ) % {"names": shown, "count": others}
        message = {
            "title": str(events.get(event).label),
            "text": gettext("%(people)s: %(title)s") % {"people": shown, "title": title},
            "url": url,
        }
    return Delivery(
        notification=None,
        channel=Channel.ROBOT,
        robot_id=robot_id,
        target=robot_name[:300],
        key=f"digest:{robot_id}:{event}:{item}:{stage}:{min(pk for pk, _person in told)}"[:300],
        message=message,
    )

"""Domain writes of the notification service: ``notify`` (inbox entry and deliveries, once per
person, event, item and stage), ``deliver`` (one channel, with retries and back-off) and the
inbox's "mark read" (decision 0800)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from notifications import events, webhooks
from notifications.models import Channel, Delivery, Notification, Preference, Robot

logger = logging.getLogger(__name__)

# The task that sends one delivery, named by path: tasks → services, never the other way.
DELIVER_TASK = "notifications.tasks.deliver_notification"
# The task that queues one ``DELIVER_TASK`` per delivery of a batch (``notify_many``).
DELIVER_MANY_TASK = "notifications.tasks.deliver_notifications"


def notify(
    *,
    recipient,
    event: str,
    item: str,
    title: str,
    url: str,
    title_en: str = "",
    stage: str = "",
) -> bool:
    """Tell ``recipient`` about ``item``: an inbox entry, and a delivery per channel they keep on
    for ``event`` (email; each robot of their unit), each queued for the background worker.
    Call it once the change it reports is committed. Returns False when this person was already
    told about this item at this stage (nothing is stored or sent again)."""
    event_type = events.get(event)
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=recipient,
            event=event,
            item=item,
            stage=stage,
            defaults={"title": title[:300], "title_en": title_en[:300], "url": url[:500]},
        )
        if not created:
            return False
        deliveries = [
            Delivery.objects.create(notification=notification, **fields)
            for fields in _planned_deliveries(notification, event_type)
        ]
    task = import_string(DELIVER_TASK)
    for delivery in deliveries:
        task.enqueue(delivery_id=delivery.pk)
    return True


def _planned_deliveries(notification: Notification, event_type: events.EventType) -> list[dict]:
    recipient = notification.recipient
    preference = Preference.objects.filter(user=recipient, event=event_type.key).first()
    required = events.required_channels(event_type.key)
    wants_email = Channel.EMAIL in required or (
        preference.email if preference else event_type.email_default
    )
    wants_robot = Channel.ROBOT in required or (
        preference.robot if preference else event_type.robot_default
    )
    base = f"{recipient.pk}:{notification.event}:{notification.item}:{notification.stage}"
    planned = []
    if wants_email and event_type.email is not None and recipient.email:
        planned.append(
            {"channel": Channel.EMAIL, "target": recipient.email, "key": f"{base}:email"}
        )
    if wants_robot:
        robot_ids = events.robots_for([recipient.pk]).get(recipient.pk, [])
        for robot in Robot.objects.filter(pk__in=robot_ids, active=True).order_by("pk"):
            planned.append(
                {
                    "channel": Channel.ROBOT,
                    "robot": robot,
                    "target": robot.name,
                    "key": f"{base}:robot:{robot.pk}",
                }
            )
    return planned


def deliver(*, delivery_id: int) -> str:
    """Send one delivery unless it is already sent or given up; a failure is recorded (attempts,
    last error, next attempt after a back-off) and never touches the other channels. Returns
    the delivery's status."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))  # the robot is an outer join
            .select_related("notification__recipient", "robot")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "missing"
        if delivery.status in (Delivery.Status.SENT, Delivery.Status.FAILED):
            return delivery.status
        delivery.attempts += 1
        try:
            _send(delivery)
        except Exception as error:  # noqa: BLE001 — any failure of a channel is recorded
            _record_failure(delivery, error)
        else:
            delivery.status = Delivery.Status.SENT
            delivery.sent_at = timezone.now()
            delivery.next_attempt_at = None
            delivery.last_error = ""
        delivery.save()
    if delivery.status == Delivery.Status.RETRYING:
        _queue_retry(delivery)
    return delivery.status


def _send(delivery: Delivery) -> None:
    notification = delivery.notification
    event_type = events.get(notification.event)
    if delivery.channel == Channel.EMAIL:
        message = event_type.email(recipient=notification.recipient, item=notification.item)
        if message is not None:
            message.to = message.to or [delivery.target]
            message.send()
        return
    robot = delivery.robot
    if robot is None or not robot.active:
        raise webhooks.WebhookError("The robot was removed or switched off.")
    # Group chats read the site's first language (Chinese), whoever the person is.
    with translation.override(settings.LANGUAGE_CODE):
        message = webhooks.Message(
            title=str(event_type.label),
            text=f"{notification.recipient.get_full_name()}：{notification.title}",
            url=settings.BASE_URL.rstrip("/") + notification.url,
        )
    request = webhooks.build(
        platform=robot.platform,
        webhook_url=robot.webhook_url,
        secret=robot.secret,
        message=message,
    )
    webhooks.post(request, timeout=settings.NOTIFICATIONS_WEBHOOK_TIMEOUT)


def _record_failure(delivery: Delivery, error: Exception) -> None:
    delays = settings.NOTIFICATIONS_RETRY_DELAYS
    delivery.last_error = (str(error) or error.__class__.__name__)[:2000]
    if delivery.attempts <= len(delays):
        delivery.status = Delivery.Status.RETRYING
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=delays[delivery.attempts - 1])
    else:
        delivery.status = Delivery.Status.FAILED
        delivery.next_attempt_at = None
    logger.warning(
        "Notification delivery %s (%s to %s) failed, attempt %s: %s",
        delivery.pk,
        delivery.channel,
        delivery.target,
        delivery.attempts,
        delivery.last_error,
    )


def _queue_retry(delivery: Delivery) -> None:
    """With a worker that can wait (the database backend), queue the retry for its time; the
    immediate backend cannot wait, so ``manage.py retry_notifications`` picks it up."""
    task = import_string(DELIVER_TASK)
    if task.get_backend().supports_defer:
        task.using(run_after=delivery.next_attempt_at).enqueue(delivery_id=delivery.pk)


def retry_due(*, now=None) -> int:
    """Send again the deliveries whose back-off has passed. Returns how many were tried."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(
            status=Delivery.Status.RETRYING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    for pk in due:
        deliver(delivery_id=pk)
    return len(due)


def mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of ``user``'s notifications read; another person's is not found (404)."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_save(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store ``{event: (email, robot)}`` for ``user``."""
    for event, (email, robot) in choices.items():
        events.get(event)
        Preference.objects.update_or_create(
            user=user, event=event, defaults={"email": email, "robot": robot}
        )


# --- Many at once (send_reminders: thousands of people per run; decision 0805) -------------------

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
    query per 1,000 recipients (through the unique index)."""
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


def notify_many(*, notices: Iterable[Notice], dry_run: bool = False) -> list[Sent]:
    """``notify`` for many notices at once, with the same promise: one notification per person,
    event, item and stage, one delivery per channel, each sent by a task of its own. Notices
    already notified are skipped. Channels are planned once per person (a few queries per
    1,000 people); notifications and deliveries are written with plain multi-row inserts,
    5,000 notices a transaction, each of which queues one task that queues a task per
    delivery. When another run wrote one of a chunk's notifications first, that chunk goes
    one notice at a time, so nobody is told twice. ``dry_run`` writes and sends nothing and
    returns what would go out."""
    notices = list({notice.key: notice for notice in notices}.values())
    done = already_notified(notice.key for notice in notices)
    notices = [notice for notice in notices if notice.key not in done]
    channels = _channels({n.recipient_id for n in notices}, {n.event for n in notices})
    sent: list[Sent] = []
    for start in range(0, len(notices), WRITE_CHUNK):
        chunk = notices[start : start + WRITE_CHUNK]
        if not dry_run:
            with transaction.atomic():
                owned = _claim(chunk)
                delivery_ids = _insert_deliveries(owned, channels)
            chunk = [notice for notice, _pk in owned]
            if delivery_ids:
                # One string: django-tasks normalises a list's values one by one (~10 µs each).
                ids = ",".join(str(pk) for pk in delivery_ids)
                import_string(DELIVER_MANY_TASK).enqueue(delivery_ids=ids)
        for n in chunk:
            sent.append(Sent(n.recipient_id, n.event, n.item, n.stage, "inbox"))
            for plan in channels[(n.recipient_id, n.event)]:
                sent.append(Sent(n.recipient_id, n.event, n.item, n.stage, plan[0]))
    return sent


def _channels(user_ids: set[int], event_keys: set[str]) -> dict[tuple[int, str], list[tuple]]:
    """(person id, event) → the deliveries ``_planned_deliveries`` would plan, as (channel as
    ``Sent`` names it, channel, target, robot id). 4 queries per 1,000 people (people,
    preferences, robot resolvers) and 1 for the robots."""
    ids = sorted(user_ids)
    emails, wanted, robot_ids = {}, {}, {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        emails.update(get_user_model().objects.filter(pk__in=part).values_list("pk", "email"))
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
    return found


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


def _insert_deliveries(owned: list[tuple[Notice, int]], channels: dict) -> list[int]:
    """The deliveries of the notifications this run wrote; returns their ids."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    pending = Delivery.Status.PENDING
    rows = [
        (
            pk,
            channel,
            robot_id,
            target[:300],
            f"{n.recipient_id}:{n.event}:{n.item}:{n.stage}:"
            + (f"robot:{robot_id}" if robot_id else "email"),
            pending,
            0,
            "",
            now,
        )
        for n, pk in owned
        for _label, channel, target, robot_id in channels[(n.recipient_id, n.event)]
    ]
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
    return _insert(Delivery, columns, rows) if rows else []

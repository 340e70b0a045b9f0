"""Domain writes of the notification service: ``notify`` (inbox entry and deliveries, once per
person, event, item and stage), ``deliver`` (one channel, with retries and back-off) and the
inbox's "mark read" (decision 0800)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from notifications import events, unread, webhooks
from notifications.models import Channel, Delivery, Notification, Preference, Robot

logger = logging.getLogger(__name__)

# The task that sends one delivery, named by path: tasks → services, never the other way.
DELIVER_TASK = "notifications.tasks.deliver_notification"


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
    if notification is None:  # a group robot's digest (``bulk``): its message is stored
        _post(delivery, webhooks.Message(**delivery.message))
        return
    event_type = events.get(notification.event)
    if delivery.channel == Channel.EMAIL:
        message = event_type.email(recipient=notification.recipient, item=notification.item)
        if message is not None:
            message.to = message.to or [delivery.target]
            message.send()
        return
    # Group chats read the site's first language (Chinese), whoever the person is.
    with translation.override(settings.LANGUAGE_CODE):
        message = webhooks.Message(
            title=str(event_type.label),
            text=f"{notification.recipient.get_full_name()}：{notification.title}",
            url=notification.url,
        )
    _post(delivery, message)


def _post(delivery: Delivery, message: webhooks.Message) -> None:
    """Post ``message`` (its link relative to the site) through the delivery's robot."""
    robot = delivery.robot
    if robot is None or not robot.active:
        raise webhooks.WebhookError("The robot was removed or switched off.")
    message = webhooks.Message(
        title=message.title, text=message.text, url=settings.BASE_URL.rstrip("/") + message.url
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
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread.forget([user.pk])  # an UPDATE sends no signal
    return marked


def preferences_save(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store ``{event: (email, robot)}`` for ``user``."""
    for event, (email, robot) in choices.items():
        events.get(event)
        Preference.objects.update_or_create(
            user=user, event=event, defaults={"email": email, "robot": robot}
        )

"""Background sending of notifications (django-tasks): one task per delivery, so a slow or
failing robot never holds up the email or another robot."""

from django_tasks import task

from notifications import services


@task()
def deliver_notification(*, delivery_id: int) -> str:
    return services.deliver(delivery_id=delivery_id)


@task()
def deliver_notifications(*, delivery_ids: str) -> int:
    """Queue one ``deliver_notification`` per delivery of a batch (``notify_many``; the ids
    comma-separated): the run that made them queues one task per 5,000 notices instead of a
    task per delivery, and each delivery is still sent by a task of its own."""
    ids = [int(pk) for pk in delivery_ids.split(",") if pk]
    for delivery_id in ids:
        deliver_notification.enqueue(delivery_id=delivery_id)
    return len(ids)

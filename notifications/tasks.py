"""Background sending of notifications (django-tasks): one task per delivery, so a slow or
failing robot never holds up the email or another robot."""

from django_tasks import task

from notifications import services


@task()
def deliver_notification(*, delivery_id: int) -> str:
    return services.deliver(delivery_id=delivery_id)

"""Background tasks of the people app (django-tasks; see certificates/tasks.py for the set-up).

The services queue a task by its path (``people.services.invitations.SEND_TASK``), so the
imports run one way: tasks → services.
"""

from django.contrib.auth import get_user_model
from django_tasks import task

from people import notices
from people.services import invitations


@task()
def send_invitations(*, user_ids: list[int], by_id: int) -> dict:
    """Send the invitations the People screen queued, then tell the administrator who asked."""
    by = get_user_model().objects.filter(pk=by_id).first()
    result = invitations.invitations_send_chunked(user_ids=user_ids, by=by)
    if by is not None:
        notices.tell_invitations_sent(by=by, result=result)
    return {"sent": len(result.sent), "failed": len(result.failed)}

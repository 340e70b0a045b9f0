"""Background tasks of the certificates app (django-tasks).

Development and tests run them at once (``ImmediateBackend``); production queues them in the
database (``django_tasks_db.DatabaseBackend``) for ``manage.py db_worker``. The services that
queue a task name it by its path (``certificates.bulk.BULK_ISSUE_TASK``), so the imports run one
way: tasks → services.
"""

from django_tasks import task

from certificates import bulk
from certificates.models import BulkIssueJob


@task()
def bulk_issue_certificates(*, job_id: int, user_ids: list[int]) -> dict:
    """Issue the certificates of some engineers of a :class:`~certificates.models.BulkIssueJob`."""
    job = BulkIssueJob.objects.select_related("program", "created_by").get(pk=job_id)
    job = bulk.bulk_issue_run(job=job, user_ids=user_ids)
    return {
        "issued": job.issued,
        "already": job.already,
        "skipped": job.skipped,
        "total": job.total,
    }

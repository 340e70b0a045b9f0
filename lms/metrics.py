"""Prometheus metrics at ``/metrics`` (django-prometheus; decision 0902).

django-prometheus' middleware counts requests by view, method and status and times them; its
database wrappers (``lms.settings.operations.with_query_metrics``) count and time queries. This
module adds what is the academy's own:

- ``lms_certificates_issued_total``: certificates issued (``certificates.issuing`` increments it
  once the issue has committed);
- ``lms_logins_failed_total``: failed sign-ins (Django's ``user_login_failed`` signal,
  ``lms.signals``), whichever page or backend refused them;
- ``lms_tasks_queued`` and ``lms_tasks_oldest_ready_age_seconds`` by queue: the background tasks
  waiting in the database queue (django-tasks-db) and how long the oldest that could run has
  waited, read from the database at each scrape (``TaskQueueCollector``).

``metrics_view`` answers only the addresses in ``METRICS_ALLOWED_IPS`` (the client's address as
``lms.client_ip`` tells it, decision 0005) and requests carrying ``Authorization: Bearer
<METRICS_TOKEN>``; anyone else gets the site's 404. Several gunicorn workers share their
counters when ``PROMETHEUS_MULTIPROC_DIR`` names an empty folder (docs/deployment.md).
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from functools import lru_cache

from django.conf import settings
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from lms.client_ip import client_ip

CERTIFICATES_ISSUED = Counter("lms_certificates_issued", "Certificates issued.")
LOGINS_FAILED = Counter("lms_logins_failed", "Failed sign-ins (wrong password, locked out…).")


class TaskQueueCollector:
    """Depth and age of the database task queue, by queue, at the time of the scrape (two
    indexed queries)."""

    def collect(self):
        queued = GaugeMetricFamily(
            "lms_tasks_queued",
            "Background tasks in the database queue, by queue and status (READY or RUNNING).",
            labels=["queue", "status"],
        )
        age = GaugeMetricFamily(
            "lms_tasks_oldest_ready_age_seconds",
            "Seconds the oldest task that could run now has waited, by queue (0: none waits).",
            labels=["queue"],
        )
        statuses = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
        counts = {(queue, status): 0 for queue in task_queues() for status in statuses}
        rows = (
            DBTaskResult.objects.filter(status__in=statuses)
            .values_list("queue_name", "status")
            .annotate(count=Count("id"))
            .order_by()
        )
        counts.update({(queue, status): count for queue, status, count in rows})
        for (queue, status), count in sorted(counts.items()):
            queued.add_metric([queue, status], count)
        now = timezone.now()
        oldest = dict(
            DBTaskResult.objects.ready()
            .values_list("queue_name")
            .annotate(oldest=Min("enqueued_at"))
            .order_by()
        )
        for queue in sorted(set(task_queues()) | set(oldest)):
            since = oldest.get(queue)
            age.add_metric([queue], (now - since).total_seconds() if since else 0.0)
        yield queued
        yield age


def task_queues() -> list[str]:
    """The queues of the database task backends in ``TASK_BACKENDS``."""
    backends = getattr(settings, "TASK_BACKENDS", {}).values()
    return sorted(
        {
            queue
            for backend in backends
            if backend["BACKEND"] == "django_tasks_db.DatabaseBackend"
            for queue in backend.get("QUEUES", ["default"])
        }
    )


def scrape_registry() -> CollectorRegistry:
    """What one scrape reports: every worker's metrics in multiprocess mode, else this
    process's; then the task queue, read now."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(TaskQueueCollector())
    return registry


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def may_read_metrics(request) -> bool:
    """True for a request bearing ``METRICS_TOKEN`` or from an address in
    ``METRICS_ALLOWED_IPS``. The token is compared in constant time."""
    token = settings.METRICS_TOKEN
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if (
        token
        and scheme.lower() == "bearer"
        and hmac.compare_digest(offered.strip().encode(), token.encode())
    ):
        return True
    address = client_ip(request)
    if not address:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in _networks(tuple(settings.METRICS_ALLOWED_IPS)))


@never_cache
@require_GET
def metrics_view(request):
    """The Prometheus text format of ``scrape_registry()``; a 404 to anyone not allowed."""
    if not may_read_metrics(request):
        raise Http404
    return HttpResponse(generate_latest(scrape_registry()), content_type=CONTENT_TYPE_LATEST)

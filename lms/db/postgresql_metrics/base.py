"""django-prometheus' PostgreSQL backend (queries counted and timed for /metrics) with the
quiet-socket health check (``lms.db.health``)."""

from django_prometheus.db.backends.postgresql import base

from lms.db.health import QuietSocketHealthCheck


class DatabaseWrapper(QuietSocketHealthCheck, base.DatabaseWrapper):
    pass

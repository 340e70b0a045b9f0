"""Django's PostgreSQL backend with the quiet-socket health check (``lms.db.health``)."""

from django.db.backends.postgresql import base

from lms.db.health import QuietSocketHealthCheck


class DatabaseWrapper(QuietSocketHealthCheck, base.DatabaseWrapper):
    pass

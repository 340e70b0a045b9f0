"""The project's PostgreSQL backends: Django's own, with a health check that does not ask the
server when the connection's socket shows nothing happened (``lms.db.health``)."""

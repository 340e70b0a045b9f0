"""Cache, sessions, metrics and logs: what running several app servers needs (decision 0902).

Each function reads the environment through the ``env`` of ``lms/settings/base.py`` and returns
the value of one or more settings; ``docs/configuration.md`` lists the variables.
"""

from __future__ import annotations

import ipaddress

import environ
from django.core.exceptions import ImproperlyConfigured

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
# Django's Redis cache, handing over to the "fallback" cache while Redis does not answer.
FALLBACK_REDIS_CACHE = "lms.cache.RedisCache"

# django-prometheus' database wrappers count queries, errors and their durations; they are
# subclasses of Django's own backends, so everything else about the connection is unchanged.
# PostgreSQL's are the project's (lms.db): the same with a cheaper per-request health check.
QUERY_METRICS_ENGINES = {
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
    "django.db.backends.postgresql": "lms.db.postgresql_metrics",
    "lms.db.postgresql": "lms.db.postgresql_metrics",
}
# Django's PostgreSQL backend with the health check that skips the round trip while the
# connection's socket is quiet (lms.db.health, decision 0905).
PROJECT_ENGINES = {"django.db.backends.postgresql": "lms.db.postgresql"}


def cache_settings(env, *, default: str) -> dict:
    """``CACHES`` from ``CACHE_URL``. ``redis://…`` is Django's own Redis cache (django-environ
    maps it to ``django.core.cache.backends.redis.RedisCache``) as ``lms.cache.RedisCache``,
    which hands over to the ``fallback`` cache (``default``, e.g. the database cache) while
    Redis does not answer."""
    cache = env.cache("CACHE_URL", default=default)
    if cache["BACKEND"] != REDIS_CACHE:
        return {"default": cache}
    # A Redis that does not answer within this many seconds counts as down: the fallback
    # serves and /healthz says so, instead of every request waiting on it.
    timeout = env.float("CACHE_TIMEOUT", default=1.0)
    cache["BACKEND"] = FALLBACK_REDIS_CACHE
    cache.setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    )
    return {"default": cache, "fallback": environ_cache(default)}


def environ_cache(url: str) -> dict:
    return environ.Env.cache_url_config(url)


def session_engine(caches: dict) -> str:
    """Sessions in the database, read through the cache when the cache is a Redis server that
    every app server shares; the database cache would only double the database's work."""
    if caches["default"]["BACKEND"] in (REDIS_CACHE, FALLBACK_REDIS_CACHE):
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


def with_project_backend(database: dict) -> dict:
    """``database`` on the project's backend of its engine (PostgreSQL: ``lms.db.postgresql``)."""
    engine = PROJECT_ENGINES.get(database["ENGINE"])
    return {**database, "ENGINE": engine} if engine else database


def with_engine_options(database: dict, env) -> dict:
    """``database`` with the options of its engine.

    SQLite: WAL lets readers continue while a writer commits; IMMEDIATE avoids lock upgrades
    that fail with "database is locked" under concurrent writes. PostgreSQL: connections reused
    for ``CONN_MAX_AGE`` seconds and checked without a round trip while their socket is quiet
    (the project's backend), statements prepared unless ``DATABASE_PREPARED_STATEMENTS=false``
    (decision 0905)."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        return {**database, "OPTIONS": {**database.get("OPTIONS", {}), **options}}
    database = {
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
        **database,
    }
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        database = with_prepared_statements(database)
    return with_project_backend(database)


def with_prepared_statements(database: dict) -> dict:
    """PostgreSQL's ``database`` with the values sent apart from the SQL (Django's
    ``server_side_binding``) and each statement a connection has run five times prepared on the
    server, which then parses and plans the exam's reads and writes once per connection rather
    than each time (decision 0905). ``DATABASE_PREPARED_STATEMENTS=false`` leaves it out for a
    PgBouncer in transaction pooling mode, which cannot keep a connection's prepared statements."""
    options = {**database.get("OPTIONS", {}), "server_side_binding": True, "prepare_threshold": 5}
    return {**database, "OPTIONS": options}


def with_query_metrics(database: dict) -> dict:
    """``database`` with django-prometheus' wrapper of its backend (SQLite and PostgreSQL)."""
    engine = QUERY_METRICS_ENGINES.get(database["ENGINE"])
    return {**database, "ENGINE": engine} if engine else database


def metrics_allowed_networks(env) -> list[str]:
    """``METRICS_ALLOWED_IPS``: addresses or networks (``10.0.0.0/8``) that may read /metrics.
    A wrong entry stops the start with its name rather than locking everyone out silently."""
    entries = env.list("METRICS_ALLOWED_IPS", default=[])
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"METRICS_ALLOWED_IPS: {entry!r} is not an address or a network "
                "(write e.g. 127.0.0.1, 10.0.0.0/8 or 2001:db8::/32)."
            ) from exc
    return entries


def logging_settings(env, *, log_format: str) -> dict:
    """``LOGGING``: one line per record on standard error, readable text or JSON (``LOG_FORMAT``),
    each with the id of the request it was written in (``lms.request_id``)."""
    log_format = env.str("LOG_FORMAT", default=log_format)
    if log_format not in ("text", "json"):
        raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {log_format!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "lms.request_id.RequestIdFilter"}},
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": "time",  # ISO 8601 in UTC
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            "axes": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            # WeasyPrint logs seven "Step n" lines per PDF at INFO: far too chatty for bulk issuing.
            "weasyprint.progress": {"level": "WARNING"},
        },
    }

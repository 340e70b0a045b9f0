"""Production: every secret comes from the environment; HTTPS everywhere.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL). See docs/deployment.md.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import TASK_BACKENDS, env
from .operations import cache_settings, logging_settings, session_engine

DEBUG = False

try:
    SECRET_KEY = env.str("SECRET_KEY")
except ImproperlyConfigured as exc:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings need the environment variable SECRET_KEY: "
        "a long random string, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    ) from exc
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# The app sits behind one reverse proxy (docs/deployment.md) and several processes share one
# cache, in the database unless CACHE_URL says otherwise (`createcachetable` makes its table;
# redis://… for several app servers, decision 0902).
PROXY_COUNT = env.int("PROXY_COUNT", default=1)
CACHES = cache_settings(env, default="dbcache://lms_cache")
SESSION_ENGINE = session_engine(CACHES)

# One JSON object per log line, with the request's id (decision 0902).
LOGGING = logging_settings(env, log_format="json")

# HTTPS: the app sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers and Prometheus may ask each app server directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Background work runs in separate `manage.py db_worker` processes.
TASKS = {"default": TASK_BACKENDS[env.str("TASKS_BACKEND", default="database")]}

# Assessors and Administrators sign in with a second factor (docs/configuration.md).
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=True)

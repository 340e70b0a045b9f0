"""Development: DEBUG on, SQLite under var/, console email, a secret key kept under var/."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])


def _dev_secret_key() -> str:
    """Generate a secret key on first use and keep it under var/ so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _dev_secret_key()

# Every absolute link the site writes (verification URLs and QR codes, links in emails) comes
# from BASE_URL; unset, it follows PORT, which `make run` passes to every command it runs.
BASE_URL = env.str("BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
WAGTAILADMIN_BASE_URL = BASE_URL

# Notifications: a robot may post to a local sink over plain HTTP (manage.py robot_sink).
NOTIFICATIONS_ALLOW_HTTP_LOOPBACK = True

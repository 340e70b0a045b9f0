"""Tests: fast password hashing, in-memory email, no static manifest."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# SQLite's test database is in memory, named so: behind the metrics wrapper the engine's path
# is django-prometheus' own, and pytest-django would take the database file's path for a
# server database's name (test_/…/db.sqlite3_gw0) on each pytest-xdist worker.
if DATABASES["default"]["ENGINE"].endswith(".sqlite3"):
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")


def _temporary_folder(prefix: str) -> Path:
    """A folder removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


# Uploaded and generated files go to temporary folders, unless MEDIA_ROOT / PRIVATE_MEDIA_ROOT
# are set (the benchmarks share theirs between the processes they run in).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or _temporary_folder("lms-test-media-"))
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default="") or _temporary_folder("lms-test-private-")
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env.str("FILE_STORAGE", default="local") == "local":
    # Certificate PDFs of the tests: in a temporary folder too, never in var/private. (A
    # process started with FILE_STORAGE=s3 keeps its object store: the restore drill's.)
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="zh-hans")

# Files the tests upload (demo images, renditions) go to a folder removed when the run ends,
# not to var/media, where every run would add another copy (MEDIA_ROOT above).

# Notifications: a robot may post to a local sink over plain HTTP (manage.py robot_sink).
NOTIFICATIONS_ALLOW_HTTP_LOOPBACK = True

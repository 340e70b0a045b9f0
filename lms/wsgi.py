"""WSGI entry point: ``gunicorn lms.wsgi`` (production settings by default)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  (imports every view now, not on the first request)

# What is loaded by now stays for the life of the process: the garbage collector stops
# walking it on every full collection (decision 0905), and after gunicorn's fork (--preload)
# its pages are not copied by the collector's writes either.
gc.freeze()

"""When the object store does not answer (FILE_STORAGE=s3, decision 0900).

Pages that need no file keep working; a request that has to read or write a stored file
(an upload, a download, a certificate being issued) answers 503 with a page that says the file
store is unreachable, instead of a server error. The failure is logged with its cause.
"""

from __future__ import annotations

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.shortcuts import render

logger = logging.getLogger(__name__)

# What boto3 raises when the store is unreachable, times out, refuses our credentials or fails.
# A missing object is not among them: django-storages turns that into FileNotFoundError.
STORE_ERRORS = (BotoCoreError, ClientError)


class FileStoreUnavailableMiddleware:
    """Turns an object-store failure inside a view into the 503 page ``errors/storage.html``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, STORE_ERRORS):
            return None
        logger.error("The file store failed on %s: %s", request.path, exception)
        response = render(request, "errors/storage.html", status=503)
        response["Retry-After"] = "60"
        return response

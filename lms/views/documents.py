"""Wagtail's document view, with the header every access-checked file carries.

Wagtail streams a document itself when its storage has no local path (an object store,
decision 0900) and then sets no Cache-Control; documents need a login, so no shared cache may
keep one, whichever storage holds it (decision 0006).
"""

from wagtail.documents.views import serve as wagtail_serve


def serve(request, document_id, document_filename):
    response = wagtail_serve.serve(request, document_id, document_filename)
    if response.status_code == 200:
        response["Cache-Control"] = "private, no-store"
    return response

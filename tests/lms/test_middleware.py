"""lms.middleware: the served-file sandbox holds however the file is sent (decision 0007)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from lms.middleware import ContentSecurityPolicyMiddleware


def through_middleware(path, response):
    request = RequestFactory().get(path)

    def view(request):
        request.resolver_match = resolve(path)  # as Django's handler does before the view
        return response

    return ContentSecurityPolicyMiddleware(view)(request)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/case-attachments/7/", "application/pdf"),
        ("/documents/3/manual.pdf", "application/pdf"),
        ("/documents/4/notes.txt", "text/plain"),
    ],
)
def test_a_file_handed_to_the_web_server_is_a_sandboxed_download(path, content_type):
    # What a view answers when nginx sends the file (X-Accel-Redirect): headers, no body.
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = "/_private/cases/ab/cd.pdf"
    response["Content-Disposition"] = 'inline; filename="manual.pdf"'
    answered = through_middleware(path, response)
    assert answered["Content-Disposition"] == 'attachment; filename="manual.pdf"'
    assert answered["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_image_stays_inline_in_its_sandbox():
    response = HttpResponse(content_type="image/png")
    response["X-Accel-Redirect"] = "/_private/cases/ab/cd.png"
    response["Content-Disposition"] = 'inline; filename="photo.png"'
    answered = through_middleware("/case-attachments/8/", response)
    assert answered["Content-Disposition"] == 'inline; filename="photo.png"'
    assert answered["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_other_views_get_the_page_policy():
    answered = through_middleware("/verify/", HttpResponse("<p>page</p>"))
    assert "script-src 'self' 'nonce-" in answered["Content-Security-Policy"]
    assert "Content-Disposition" not in answered

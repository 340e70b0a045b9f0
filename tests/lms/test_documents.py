"""Wagtail documents: PDFs that could run something are refused; files are served inert."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from tests.cases.upload_samples import (
    clean_pdf_bytes,
    encrypted_pdf_bytes,
    pdf_with_embedded_file,
    pdf_with_launch_action,
    pdf_with_open_action_javascript,
)

pytestmark = pytest.mark.django_db

HOSTILE = pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdf_with_open_action_javascript(), "the PDF contains JavaScript"),
        (pdf_with_launch_action(), "the PDF would start another program"),
        (pdf_with_embedded_file(), "the PDF carries embedded files"),
        (encrypted_pdf_bytes(), "the PDF is encrypted"),
    ],
    ids=["open-action-js", "launch", "embedded-file", "encrypted"],
)


@pytest.fixture
def editor(client, administrator):
    client.force_login(administrator)
    client.cookies["lms_language"] = "en"
    return client


def add_document(client, data, name="manual.pdf"):
    return client.post(
        "/cms/documents/add/",
        {
            "title": "Manual",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@HOSTILE
def test_the_document_form_refuses_hostile_pdfs_with_the_reason(editor, data, reason):
    response = add_document(editor, data)
    assert response.status_code == 200  # the form again
    assert reason in response.content.decode()
    assert not Document.objects.exists()


@HOSTILE
def test_the_multiple_upload_refuses_hostile_pdfs_with_the_reason(editor, data, reason):
    response = editor.post(
        "/cms/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("manual.pdf", data)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is False
    assert reason in response.json()["error_message"]
    assert not Document.objects.exists()


def test_a_clean_pdf_is_accepted_and_served_as_a_sandboxed_download(editor):
    response = add_document(editor, clean_pdf_bytes())
    assert response.status_code == 302
    document = Document.objects.get()
    served = editor.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    policy = [part.strip() for part in served["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert b"".join(served.streaming_content) == clean_pdf_bytes()


def test_the_password_form_of_a_restricted_document_is_a_page_not_a_download(editor):
    add_document(editor, clean_pdf_bytes())
    CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="manual-2026",
    )
    response = editor.get(Document.objects.get().url)
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "password" in response.content.decode()
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]


@pytest.mark.django_db(transaction=True)
def test_documents_still_need_a_login_after_the_tables_are_emptied(client):
    """``flush`` (and every transactional test) empties the tables, the root collection's login
    restriction of migration 0003 with them; it is made again after, as the course site is."""
    from django.core.management import call_command

    call_command("flush", "--no-input", verbosity=0)
    document = Document.objects.create(
        title="日志", file=SimpleUploadedFile("alarm.log", b"E42 at 10:02\n")
    )
    response = client.get(document.url)
    assert response.status_code == 302 and "/login/" in response["Location"]

"""The holder's certificates, downloads, and the assessors' list, revocation and bulk issue."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from certificates import bulk
from certificates.models import BulkIssueJob, Certificate
from tests.assessment.factories import put_metrics
from tests.certificates.factories import (
    NOT_CERTIFIED,
    clear_rate_limits,  # noqa: F401  (fixture)
    issued,
)
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(learner, program):
    return issued(learner, program)


def test_a_learner_lists_downloads_and_shares_their_certificates(
    learner_client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = learner_client.get("/certificates/")
    html = page.content.decode()
    assert certificate.serial in html
    assert f"/verify/{certificate.code}/" in html  # the share link
    first = learner_client.get(f"/certificates/{certificate.serial}.pdf")
    second = learner_client.get(f"/certificates/{certificate.serial}.pdf")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert b"".join(first.streaming_content) == certificate.read_pdf()
    assert b"".join(second.streaming_content) == certificate.read_pdf()
    dashboard = learner_client.get("/dashboard/learner/")
    assert certificate.serial in dashboard.content.decode()


def test_behind_nginx_the_proxy_sends_the_pdf_once_the_view_allowed_it(
    learner_client, learner, program, settings
):
    # The private storage as configured, where certificate PDFs are stored.
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
    certificate = issued(learner, program)
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/protected/"
    response = learner_client.get(f"/certificates/{certificate.serial}.pdf")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/private/{certificate.pdf.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.serial}.pdf"'


def test_another_learners_pdf_is_a_404(client, certificate):
    other = LearnerFactory(employee_id="E2002")
    client.force_login(other)
    assert client.get(f"/certificates/{certificate.serial}.pdf").status_code == 404
    assert certificate.serial not in client.get("/certificates/").content.decode()
    assert client.get("/assessment/certificates/").status_code == 404
    assert client.get(f"/assessment/certificates/{certificate.serial}/").status_code == 404
    revoke = client.post(
        f"/assessment/certificates/{certificate.serial}/revoke/", {"reason": "nope"}
    )
    assert revoke.status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_anonymous_visitors_get_no_pdf(client, certificate):
    response = client.get(f"/certificates/{certificate.serial}.pdf")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_assessors_filter_the_list(
    assessor_client, certificate, program, django_assert_max_num_queries
):
    soon = issued(LearnerFactory(employee_id="E3001"), program)
    Certificate.objects.filter(pk=soon.pk).update(
        valid_until=timezone.localdate() + timedelta(days=10)
    )
    with django_assert_max_num_queries(10):
        page = assessor_client.get("/assessment/certificates/")
    assert certificate.serial in page.content.decode() and soon.serial in page.content.decode()
    expiring = assessor_client.get("/assessment/certificates/", {"expiring_within": 30})
    assert soon.serial in expiring.content.decode()
    assert certificate.serial not in expiring.content.decode()
    revoked = assessor_client.get("/assessment/certificates/", {"status": "revoked"})
    assert certificate.serial not in revoked.content.decode()
    by_program = assessor_client.get("/assessment/certificates/", {"program": "TST-L1"})
    assert certificate.serial in by_program.content.decode()
    bad = assessor_client.get("/assessment/certificates/", {"expiring_within": "soon"})
    assert bad.status_code == 200


def test_revoking_needs_a_reason(assessor_client, certificate):
    url = f"/assessment/certificates/{certificate.serial}/revoke/"
    refused = assessor_client.post(url, {"reason": "   "})
    assert refused.status_code == 400
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    done = assessor_client.post(url, {"reason": "离职前资料不实"})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revocation_reason == "离职前资料不实"


def test_bulk_issue_runs_as_a_task_and_shows_progress(
    assessor_client, learner, program, django_capture_on_commit_callbacks
):
    put_metrics(learner, first_time_fix_rate=95, repeat_repair_rate=0, peer_teamwork_rating=5)
    failing = LearnerFactory(employee_id="E2002")
    put_metrics(failing, **NOT_CERTIFIED)
    with django_capture_on_commit_callbacks(execute=True):
        response = assessor_client.post(
            "/assessment/certificates/issue/", {"program": "TST-L1", "period": "2026-Q3"}
        )
    job = BulkIssueJob.objects.get()
    assert response["Location"] == f"/assessment/certificates/issue/{job.pk}/"
    assert (job.status, job.total, job.processed, job.issued, job.skipped) == (
        "done",
        2,
        2,
        1,
        1,
    )
    page = assessor_client.get(response["Location"]).content.decode()
    assert 'data-testid="job-progress"' in page
    assert "2" in page.split('data-testid="job-progress"')[1].split("</p>")[0]
    assert Certificate.objects.get().holder == learner


def test_a_program_periods_certificates_merge_into_one_pdf(assessor_client, certificate, program):
    second = issued(LearnerFactory(employee_id="E3001"), program)
    response = assessor_client.get(
        "/assessment/certificates/merged.pdf", {"program": "TST-L1", "period": "2026-Q3"}
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    assert second.serial
    missing = assessor_client.get("/assessment/certificates/merged.pdf", {"program": "TST-L1"})
    assert missing.status_code == 302


def test_a_bulk_issue_split_into_several_tasks_finishes_once_all_are_done(
    assessor, learner, program, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(bulk, "BULK_TASK_SIZE", 1)
    put_metrics(learner, first_time_fix_rate=95, repeat_repair_rate=0, peer_teamwork_rating=5)
    put_metrics(LearnerFactory(employee_id="E2002"), **NOT_CERTIFIED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = bulk.bulk_issue_start(program=program, period="2026-Q3", by=assessor)
    # Two tasks, the certified engineer's "scorecard ready" notice, then their certificate,
    # and for each of the two notices the engineer's unread count forgotten once committed.
    assert len(callbacks) == 6
    assert [n.event for n in learner.notifications.order_by("pk")] == [
        "scorecard_ready",
        "certificate_issued",
    ]
    job.refresh_from_db()
    assert (job.status, job.processed, job.total, job.issued, job.skipped) == ("done", 2, 2, 1, 1)


def test_the_learner_dashboard_shows_their_scorecards_and_certificates(
    learner_client, learner, certificate, program
):
    """The two panels read plain rows (decision 0904, fourth round): what each shows of a
    scorecard and a certificate, a revoked one as revoked."""
    learner_client.cookies["lms_language"] = "en"
    html = learner_client.get("/dashboard/learner/").content.decode()
    start = html.index('id="panel-scorecards"')
    scorecards = html[start : html.index("</section>", start)]
    assert program.name_en in scorecards and "2026-Q3" in scorecards
    assert "100" in scorecards and "to acknowledge" in scorecards
    feedback = f"/{program.code}/2026-Q3/{learner.employee_id}/"
    assert feedback in scorecards and "Feedback report" in scorecards
    start = html.index('id="panel-certificates"')
    certificates = html[start : html.index("</section>", start)]
    assert program.name_en in certificates and certificate.serial in certificates
    assert "Valid" in certificates
    assert f"valid until {certificate.valid_until:%Y-%m-%d}" in certificates
    assert f"/certificates/{certificate.serial}.pdf" in certificates
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    html = learner_client.get("/dashboard/learner/").content.decode()
    start = html.index('id="panel-certificates"')
    assert "Revoked" in html[start : html.index("</section>", start)]

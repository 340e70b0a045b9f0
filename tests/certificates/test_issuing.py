"""Issuing certificates: serials, codes, idempotency, supersession, expiry, revocation, email."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.utils import timezone

from assessment.errors import AssessmentError
from certificates import issuing, pdf
from certificates.models import Certificate, SerialCounter
from lms.private_files import private_storage
from tests.certificates.factories import (
    CERTIFIED,
    NOT_CERTIFIED,
    clear_rate_limits,  # noqa: F401  (fixture)
    finalised,
    issued,
)
from tests.factories import LearnerFactory
from tests.object_store import stored_names

pytestmark = pytest.mark.django_db


def status_seen(client, certificate) -> str:
    """The status the public sees now, from the JSON and the page."""
    data = client.get(f"/verify/{certificate.code}.json").json()
    page = client.get(f"/verify/{certificate.code}/")
    assert page.status_code == 200
    assert certificate.serial in page.content.decode()
    return data["status"]


def test_issuing_freezes_what_the_certificate_holds(learner, program, pdf_file):
    certificate = issued(learner, program)
    year = timezone.localdate().year
    assert certificate.serial == f"TST-L1-{year}-000001"
    assert certificate.holder_name == "王小明"
    assert certificate.grade == "excellent"
    assert (certificate.grade_label_zh, certificate.grade_label_en) == ("优秀", "Excellent")
    assert str(certificate.total_score) == "100.00"
    assert certificate.issued_on == timezone.localdate()
    assert certificate.valid_until == issuing.add_months(certificate.issued_on, 24)
    assert certificate.status == "valid"
    data = certificate.read_pdf()
    assert pdf.pdf_sha256(data) == certificate.pdf_sha256
    text = pdf_file(data).text().replace("\n", "")
    assert "王小明" in text
    # pdftotext drops a hyphen where the serial may break across lines.
    assert certificate.serial.replace("-", "") in text.replace("-", "")
    # Stored in the private storage, not in the public media storage.
    assert stored_names(storages["private"]) == [certificate.pdf.name]
    assert certificate.pdf.storage is private_storage()
    assert not storages["default"].exists(certificate.pdf.name)
    # A later change of name does not alter the certificate or its bytes.
    learner.display_name = "王大明"
    learner.save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "王小明"
    assert certificate.read_pdf() == data


def test_the_holder_gets_the_pdf_by_email_after_commit(
    learner, program, django_capture_on_commit_callbacks
):
    scorecard = finalised(learner, program)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        certificate = issuing.certificate_issue(scorecard=scorecard).certificate
        assert mail.outbox == []  # nothing is sent before the transaction commits
    assert callbacks  # the sending waits for the commit
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert certificate.serial in message.subject
    assert f"/verify/{certificate.code}/" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == f"{certificate.serial}.pdf" and mimetype == "application/pdf"
    assert content == certificate.read_pdf()


def test_issuing_again_returns_the_existing_certificate(
    learner, program, django_capture_on_commit_callbacks
):
    scorecard = finalised(learner, program)
    with django_capture_on_commit_callbacks(execute=True):
        first = issuing.certificate_issue(scorecard=scorecard)
        again = issuing.certificate_issue(scorecard=scorecard)
    assert first.created and not again.created
    assert again.certificate.pk == first.certificate.pk
    assert Certificate.objects.count() == 1
    assert SerialCounter.objects.get().last == 1
    assert len(mail.outbox) == 1


def test_an_issuer_that_loses_a_race_returns_the_winners_certificate_and_keeps_no_file(
    learner, program, monkeypatch
):
    """Two issuers for one scorecard: the second to save gets the first's certificate.

    The race is made certain by issuing from inside the loser's render (the render runs
    outside any transaction, so the winner commits in between).
    """

    def stored_files():
        return {Path(name).name for name in stored_names(storages["private"])}

    scorecard = finalised(learner, program)
    before = stored_files()
    render = pdf.render_certificate_pdf_with_sha256
    winner = []

    def render_while_another_issuer_wins(document, **kwargs):
        if not winner:
            monkeypatch.setattr(pdf, "render_certificate_pdf_with_sha256", render)
            winner.append(issuing.certificate_issue(scorecard=scorecard).certificate)
        return render(document, **kwargs)

    monkeypatch.setattr(pdf, "render_certificate_pdf_with_sha256", render_while_another_issuer_wins)
    loser = issuing.certificate_issue(scorecard=scorecard)
    assert not loser.created and loser.certificate.pk == winner[0].pk
    assert Certificate.objects.count() == 1
    # The loser used a serial number (a gap) and its rendered file is gone from the storage.
    assert SerialCounter.objects.get().last == 2
    assert stored_files() - before == {Path(winner[0].pdf.name).name}


def test_serials_are_sequential_per_program_and_year(learner, program):
    others = [LearnerFactory(employee_id=f"E20{n}") for n in range(2)]
    serials = [issued(user, program).serial for user in [learner, *others]]
    year = timezone.localdate().year
    assert serials == [f"TST-L1-{year}-00000{n}" for n in (1, 2, 3)]


def test_codes_are_long_random_and_not_derived_from_the_serial(learner, program):
    users = [learner, *(LearnerFactory(employee_id=f"E30{n}") for n in range(4))]
    certificates = [issued(user, program) for user in users]
    codes = [c.code for c in certificates]
    assert len(set(codes)) == len(codes)
    for certificate in certificates:
        # 32 random bytes: 43 URL-safe characters, 256 bits (at least 128 required).
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", certificate.code)
        assert certificate.serial not in certificate.code
        digits = certificate.serial.rsplit("-", 1)[1]
        assert digits not in certificate.code
    # Not sequential: neighbouring codes share no common prefix of 8 characters.
    for one, two in zip(codes, codes[1:], strict=False):
        assert one[:8] != two[:8]


def test_a_scorecard_that_is_not_certified_is_refused_with_its_reasons(learner, program):
    scorecard = finalised(learner, program, values=NOT_CERTIFIED)
    with pytest.raises(issuing.IssueRefused) as refused:
        issuing.certificate_issue(scorecard=scorecard)
    assert refused.value.reasons
    assert any("50" in reason for reason in refused.value.reasons)  # the dimension minimum
    assert not Certificate.objects.exists()


def test_lifecycle_on_the_verification_page(client, learner, program):
    # Issue: valid.
    first = issued(learner, program, period="2026-Q2")
    assert status_seen(client, first) == "valid"
    # Issue again for the same scorecard: the same certificate, still valid.
    again = issuing.certificate_issue(scorecard=first.scorecard).certificate
    assert again.pk == first.pk
    assert status_seen(client, first) == "valid"
    # A new certification of the same person and program supersedes the older one.
    second = issued(learner, program, period="2026-Q3")
    first.refresh_from_db()
    assert first.superseded_by == second
    assert status_seen(client, first) == "superseded"
    assert status_seen(client, second) == "valid"
    # Expiry follows from the date.
    Certificate.objects.filter(pk=second.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert status_seen(client, second) == "expired"
    # A revocation shows on the next request, with its reason.
    issuing.certificate_revoke(certificate=second, reason="考试作弊 / exam misconduct")
    assert status_seen(client, second) == "revoked"
    data = client.get(f"/verify/{second.code}.json").json()
    assert data["revocation_reason"] == "考试作弊 / exam misconduct"
    assert "考试作弊 / exam misconduct" in client.get(f"/verify/{second.code}/").content.decode()


def test_an_older_certification_issued_late_does_not_supersede_a_newer_one(learner, program):
    newer = finalised(learner, program, period="2026-Q3")
    older = finalised(learner, program, period="2026-Q1")
    new_certificate = issuing.certificate_issue(scorecard=newer).certificate
    old_certificate = issuing.certificate_issue(scorecard=older).certificate
    new_certificate.refresh_from_db()
    assert new_certificate.status == "valid"
    assert old_certificate.superseded_by == new_certificate


def test_a_new_revision_of_a_scorecard_issues_a_superseding_certificate(learner, program):
    first = issued(learner, program)
    changed = dict(CERTIFIED, first_time_fix_rate=90)
    second = issued_from(finalised(learner, program, values=changed))
    assert second.scorecard.revision == 2
    first.refresh_from_db()
    assert first.status == "superseded"
    # Issuing from the older revision now is refused: it is not the latest.
    first.scorecard.certificate.delete()
    with pytest.raises(issuing.IssueRefused):
        issuing.certificate_issue(scorecard=first.scorecard)


def issued_from(scorecard):
    return issuing.certificate_issue(scorecard=scorecard).certificate


def test_revoking_needs_a_reason_and_happens_once(learner, program, assessor):
    certificate = issued(learner, program)
    for reason in ("", "   ", None):
        with pytest.raises(AssessmentError):
            issuing.certificate_revoke(certificate=certificate, reason=reason, by=assessor)
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    issuing.certificate_revoke(certificate=certificate, reason="资料造假", by=assessor)
    assert certificate.status == "revoked"
    assert certificate.revoked_by == assessor and certificate.revoked_at is not None
    with pytest.raises(AssessmentError):
        issuing.certificate_revoke(certificate=certificate, reason="again", by=assessor)


def test_a_holder_name_with_html_is_printed_as_text(client, program, pdf_file):
    name = '<script>alert("x")</script><b>赵</b>'
    holder = LearnerFactory(employee_id="E4001", display_name=name)
    certificate = issued(holder, program)
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "<script>alert" not in html and "<b>赵</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;赵&lt;/b&gt;" in html
    text = pdf_file(certificate.read_pdf()).text()
    assert '<script>alert("x")</script><b>赵</b>' in text.replace("\n", "")


def test_add_months_keeps_the_day_or_the_end_of_month():
    from datetime import date

    assert issuing.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert issuing.add_months(date(2024, 2, 29), 24) == date(2026, 2, 28)
    assert issuing.add_months(date(2026, 11, 29), 24) == date(2028, 11, 29)

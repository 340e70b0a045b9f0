"""issue_certificates, revoke_certificate, verify_certificate and send_expiry_reminders."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessment.models import Scorecard
from certificates import issuing
from certificates.models import Certificate
from tests.assessment.factories import put_metrics
from tests.certificates.factories import CERTIFIED, NOT_CERTIFIED, issued
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def cohort(learner, program):
    put_metrics(learner, **CERTIFIED)
    other = LearnerFactory(employee_id="E2002")
    put_metrics(other, **NOT_CERTIFIED)
    return learner, other


def test_issue_certificates_finalises_issues_and_prints_json(cohort):
    args = ("issue_certificates", "--program", "TST-L1", "--period", "2026-Q3")
    rows = json.loads(run(*args, "--format", "json"))
    certificate = Certificate.objects.get()
    assert rows == [
        {
            "employee_id": "E1001",
            "serial": certificate.serial,
            "code": certificate.code,
            "verify_url": f"http://127.0.0.1:8000/verify/{certificate.code}/",
            "pdf_sha256": certificate.pdf_sha256,
        }
    ]
    assert Scorecard.objects.filter(employee=cohort[0]).count() == 1
    # Again: the same certificate, nothing new.
    assert json.loads(run(*args, "--format", "json")) == rows
    assert Certificate.objects.count() == 1
    table = run(*args)
    assert certificate.serial in table and "already issued" in table
    assert "E2002\tnot certified" in table


def test_dry_run_writes_nothing(cohort):
    output = run("issue_certificates", "--program", "TST-L1", "--period", "2026-Q3", "--dry-run")
    assert "E1001\twould be issued" in output
    assert not Certificate.objects.exists() and not Scorecard.objects.exists()


def test_one_employee_only(cohort):
    run("issue_certificates", "--program", "TST-L1", "--period", "2026-Q3", "--employee", "E2002")
    assert not Certificate.objects.exists()
    with pytest.raises(CommandError, match="E9999"):
        run(
            "issue_certificates",
            "--program",
            "TST-L1",
            "--period",
            "2026-Q3",
            "--employee",
            "E9999",
        )
    with pytest.raises(CommandError, match="NOPE"):
        run("issue_certificates", "--program", "NOPE", "--period", "2026-Q3")
    with pytest.raises(CommandError, match="period"):
        run("issue_certificates", "--program", "TST-L1", "--period", "Q3")


def test_revoke_certificate_needs_a_reason(learner, program):
    certificate = issued(learner, program)
    with pytest.raises(CommandError, match="原因|reason"):
        run("revoke_certificate", certificate.serial)
    with pytest.raises(CommandError, match="原因|reason"):
        run("revoke_certificate", certificate.serial, "--reason", "  ")
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    output = run("revoke_certificate", certificate.serial, "--reason", "证书信息有误")
    assert "revoked" in output
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    with pytest.raises(CommandError):
        run("revoke_certificate", "TST-L1-2026-999999", "--reason", "x")


def test_verify_certificate_by_code_or_serial(learner, program):
    certificate = issued(learner, program)
    assert "status: valid" in run("verify_certificate", certificate.code)
    assert "status: valid" in run("verify_certificate", certificate.serial.lower())
    with pytest.raises(CommandError):
        run("verify_certificate", certificate.code[:-1])


def test_codes_never_start_with_a_dash_and_old_ones_verify_after_a_double_dash(learner, program):
    # One random code in 64 would start with "-" and read as an option on the command line.
    assert not any(issuing.new_code().startswith("-") for _ in range(2000))
    certificate = issued(learner, program)
    Certificate.objects.filter(pk=certificate.pk).update(code="-" + certificate.code[1:])
    assert "status: valid" in run("verify_certificate", "--", "-" + certificate.code[1:])


def test_send_expiry_reminders_once_per_window(learner, program):
    certificate = issued(learner, program)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() + timedelta(days=5)
    )
    mail.outbox.clear()
    assert "1 reminders sent" in run("send_expiry_reminders", "--days", "30")
    assert "0 reminders sent" in run("send_expiry_reminders", "--days", "30")
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        run("send_expiry_reminders", "--days", "0")

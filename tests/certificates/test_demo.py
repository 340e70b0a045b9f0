"""The demo certificates: issued for the certified, one revoked, one expiring within 30 days."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from certificates import demo as certificate_demo
from certificates.models import BulkIssueJob, Certificate
from tests.assessment.factories import put_metrics
from tests.certificates.factories import CERTIFIED, NOT_CERTIFIED
from tests.factories import AssessorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def test_demo_certificates_are_issued_revoked_and_expiring_and_idempotent(program):
    AssessorFactory(username="assessor")
    for employee_id in ("E1001", "E1002", "E1003"):
        put_metrics(LearnerFactory(employee_id=employee_id), **CERTIFIED)
    put_metrics(LearnerFactory(employee_id="E1006"), **NOT_CERTIFIED)

    for _run in range(2):
        certificate_demo.load_certificates(program=program, period="2026-Q3", stdout=StringIO())
        current = Certificate.objects.filter(period="2026-Q3").order_by("serial")
        assert [c.holder.employee_id for c in current] == ["E1001", "E1002", "E1003"]
        statuses = [c.status for c in current]
        assert statuses == ["valid", "valid", "revoked"]
        assert current[2].revocation_reason
        expiring = Certificate.objects.get(period=certificate_demo.EARLIER_PERIOD)
        assert expiring.holder.employee_id == "E1006"
        assert expiring.status == "valid"
        today = timezone.localdate()
        assert today < expiring.valid_until <= today + timedelta(days=30)
    assert Certificate.objects.count() == 4
    # Recorded once as a finished bulk issue, as the admin lists it: 3 of the 4 certified.
    job = BulkIssueJob.objects.get(program=program, period="2026-Q3")
    assert (job.status, job.processed, job.total, job.issued, job.skipped) == ("done", 4, 4, 3, 1)


def test_without_certified_scorecards_the_demo_issues_nothing(program):
    put_metrics(LearnerFactory(employee_id="E1006"), **NOT_CERTIFIED)
    out = StringIO()
    certificate_demo.load_certificates(program=program, period="2026-Q3", stdout=out)
    assert not Certificate.objects.exists()
    assert "0 of 1" in out.getvalue()

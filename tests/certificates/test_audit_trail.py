"""Certificates in the audit trail (decision 1000): issued, superseded by a later revision,
revoked with its reason (refused without one, nothing recorded); a bulk issue does not reopen
a finalised scorecard on its own."""

import pytest

from audit.models import Entry
from certificates import bulk, issuing
from tests.assessment.factories import put_metrics
from tests.certificates.factories import (
    CERTIFIED,
    clear_rate_limits,  # noqa: F401  (fixture)
    finalised,
    issued,
)

pytestmark = pytest.mark.django_db


def test_issue_supersede_and_revoke_are_recorded(learner, program, assessor_client, assessor):
    first = issued(learner, program, by=assessor)
    entry = Entry.objects.get(action="certificates.issued")
    assert (entry.actor, entry.subject, entry.object_id) == (assessor, learner, str(first.pk))
    assert entry.after["serial"] == first.serial
    better = dict(CERTIFIED, first_time_fix_rate=90)
    second = issuing.certificate_issue(scorecard=finalised(learner, program, values=better))
    superseded = Entry.objects.get(action="certificates.superseded")
    assert superseded.object_id == str(first.pk)
    assert superseded.after == {"serial": first.serial, "superseded_by": second.certificate.serial}

    url = f"/assessment/certificates/{second.certificate.serial}/revoke/"
    assert assessor_client.post(url, {"reason": ""}).status_code == 400
    assert not Entry.objects.filter(action="certificates.revoked").exists()
    assessor_client.post(url, {"reason": "资料不实"}, REMOTE_ADDR="10.0.0.8")
    revoked = Entry.objects.get(action="certificates.revoked")
    assert (revoked.actor, revoked.subject, revoked.reason) == (assessor, learner, "资料不实")
    assert revoked.address == "10.0.0.8"
    assert revoked.before["status"] == "valid" and revoked.after["status"] == "revoked"


def test_a_bulk_issue_leaves_a_changed_finalised_scorecard_to_its_assessor(
    learner, program, assessor, english
):
    finalised(learner, program)
    put_metrics(learner, **dict(CERTIFIED, first_time_fix_rate=90))
    (outcome,) = bulk.issue_for_period(
        program=program, period="2026-Q3", by=assessor, user_ids=[learner.pk]
    )
    assert outcome.certificate is None
    assert "give a reason" in " ".join(outcome.reasons)
    assert not Entry.objects.filter(action="assessment.scorecard_reopened").exists()

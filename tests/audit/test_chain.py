"""The audit trail is append-only and tamper-evident: ``verify_audit_log`` finds any change."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import ModelLogEntry

from audit.api import ReasonRequired, prune_access_log, record, record_access
from audit.models import Chain, Entry
from tests.factories import AssessorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def verify():
    """The command's exit status and what it printed (stdout + stderr)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit_log", stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


@pytest.fixture
def trail():
    assessor, learner = AssessorFactory(), LearnerFactory()
    request = RequestFactory().post("/", REMOTE_ADDR="10.1.2.3")
    request.user = assessor
    for n in range(5):
        record(
            "assessment.metric_changed",
            actor=assessor,
            obj=learner,
            subject=learner,
            before={"value": Decimal("80.5") + n},
            after={"value": Decimal("90.0") + n, "when": timezone.now().date()},
            request=request,
        )
    return assessor, learner


def test_an_intact_trail_verifies(trail):
    code, output = verify()
    assert code == 0
    assert "decision: 5 entries intact" in output
    first = Entry.objects.get(chain=Chain.DECISION, sequence=1)
    assert first.address == "10.1.2.3"
    assert first.before == {"value": "80.5"}
    assert Entry.objects.get(chain=Chain.DECISION, sequence=2).previous_hash == first.hash


@pytest.mark.parametrize(
    "change",
    [
        {"reason": "edited"},
        {"after": {"value": "100"}},
        {"action": "assessment.metrics_imported"},
        {"address": "10.9.9.9"},
        {"actor": None},
        {"at": timezone.now() - timedelta(days=1)},
    ],
    ids=lambda change: next(iter(change)),
)
def test_changing_any_column_of_a_row_is_found(trail, change):
    Entry.objects.filter(chain=Chain.DECISION, sequence=3).update(**change)
    code, output = verify()
    assert code == 1
    assert "entry #3" in output


def test_a_row_recomputed_to_match_its_own_hash_still_breaks_the_next_link(trail):
    from audit.chain import content_hash

    entry = Entry.objects.get(chain=Chain.DECISION, sequence=3)
    entry.reason = "quietly changed"
    entry.hash = content_hash(entry)
    Entry.objects.filter(pk=entry.pk).update(reason=entry.reason, hash=entry.hash)
    code, output = verify()
    assert code == 1
    assert "entry #4" in output


def test_removing_a_row_is_found(trail):
    Entry.objects.filter(chain=Chain.DECISION, sequence=2).delete()
    code, output = verify()
    assert code == 1
    assert "entry #3" in output and "missing" in output


def test_removing_the_newest_rows_is_found(trail):
    Entry.objects.filter(chain=Chain.DECISION, sequence__gte=4).delete()
    code, output = verify()
    assert code == 1
    assert "should be #5" in output


def test_a_decision_that_needs_a_reason_is_refused_without_one(trail):
    assessor, learner = trail
    with pytest.raises(ReasonRequired):
        record("certificates.revoked", actor=assessor, obj=learner, subject=learner, reason="  ")
    assert Entry.objects.count() == 5


def test_entries_show_in_wagtails_history_of_the_object(trail):
    assessor, learner = trail
    history = ModelLogEntry.objects.filter(
        object_id=str(learner.pk), action="assessment.metric_changed"
    )
    assert history.count() == 5
    assert history.first().user_id == assessor.pk


def test_the_access_log_is_its_own_chain_and_reading_ones_own_record_is_not_logged(trail):
    assessor, learner = trail
    assert record_access(viewer=learner, subject=learner, obj=learner) is None
    entry = record_access(viewer=assessor, subject=learner, obj=learner)
    assert (entry.chain, entry.sequence, entry.previous_hash) == (Chain.ACCESS, 1, "")
    assert verify()[0] == 0


def test_pruning_the_access_log_keeps_both_chains_verifiable_and_tampering_still_shows(trail):
    assessor, learner = trail
    for _ in range(4):
        record_access(viewer=assessor, subject=learner, obj=learner)
    Entry.objects.filter(chain=Chain.ACCESS, sequence__lte=3).update(
        at=timezone.now() - timedelta(days=400)
    )
    # Back-dating rows breaks their hashes; re-seal them as if they had been written then.
    _reseal(Chain.ACCESS)

    assert prune_access_log(older_than=timezone.now() - timedelta(days=365)) == 3
    assert list(Entry.objects.filter(chain=Chain.ACCESS).values_list("sequence", flat=True)) == [4]
    code, output = verify()
    assert code == 0, output
    assert "access: 1 entries intact" in output
    pruning = Entry.objects.get(chain=Chain.DECISION, action="audit.access_log_pruned")
    assert pruning.after["removed"] == 3

    Entry.objects.filter(chain=Chain.ACCESS, sequence=4).update(actor=None)
    assert verify()[0] == 1


def _reseal(chain):
    from audit.chain import content_hash
    from audit.models import Head

    previous = ""
    for entry in Entry.objects.filter(chain=chain).order_by("sequence"):
        entry.previous_hash = previous
        entry.hash = content_hash(entry)
        Entry.objects.filter(pk=entry.pk).update(previous_hash=entry.previous_hash, hash=entry.hash)
        previous = entry.hash
    Head.objects.filter(chain=chain).update(last_hash=previous)


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_has_both_chain_heads_again():
    from audit.models import Head

    call_command("flush", "--no-input", verbosity=0)
    assert set(Head.objects.values_list("chain", "sequence")) == {("decision", 0), ("access", 0)}

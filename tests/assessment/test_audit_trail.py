"""The assessment's decisions in the audit trail (decision 1000): a scheme version activated,
metrics imported or pushed, a metric of a finalised scorecard changed (only with a reason), a
scorecard finalised, reopened (only with a reason) and acknowledged; and staff reading another
person's scorecard in the access log."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from assessment.errors import ReasonMissing
from assessment.models import MetricRecord, Scorecard
from assessment.services.schemes import scheme_version_activate, scheme_version_create
from assessment.services.scorecards import scorecard_acknowledge, scorecard_finalise
from assessment.services.tokens import token_create
from audit.models import Chain, Entry
from tests.assessment.factories import put_metrics

pytestmark = pytest.mark.django_db

CARD = "/scorecards/TST-L1/2026-Q3/E1001/"


@pytest.fixture
def card(learner, program, assessor):
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4.2)
    scorecard, _ = scorecard_finalise(
        program=program, period="2026-Q3", user_id=learner.pk, by=assessor
    )
    return scorecard


def test_activating_a_scheme_version_is_recorded(program, version, assessor):
    draft = scheme_version_create(program=program, scheme=version.scheme(), by=assessor)
    scheme_version_activate(version=draft, by=assessor)
    entry = Entry.objects.filter(action="assessment.scheme_activated").latest("sequence")
    assert (entry.actor, entry.object_id) == (assessor, str(draft.pk))
    assert entry.before["active_version"] == 1 and entry.after["active_version"] == draft.number


def test_finalising_reopening_and_acknowledging_are_recorded(card, learner, program, assessor):
    finalised = Entry.objects.get(action="assessment.scorecard_finalised")
    assert (finalised.actor, finalised.subject, finalised.object_id) == (
        assessor,
        learner,
        str(card.pk),
    )
    assert finalised.after["revision"] == 1 and finalised.after["total"] == str(card.total)
    put_metrics(learner, first_time_fix_rate=95)
    with pytest.raises(ReasonMissing):
        scorecard_finalise(program=program, period="2026-Q3", user_id=learner.pk, by=assessor)
    assert Scorecard.objects.count() == 1
    second, _ = scorecard_finalise(
        program=program, period="2026-Q3", user_id=learner.pk, by=assessor, reason="补录数据"
    )
    reopened = Entry.objects.get(action="assessment.scorecard_reopened")
    assert reopened.reason == "补录数据" and reopened.object_id == str(card.pk)
    scorecard_acknowledge(scorecard=second, reply="", by=learner)
    acknowledged = Entry.objects.get(action="assessment.scorecard_acknowledged")
    assert (acknowledged.actor, acknowledged.subject) == (learner, learner)
    assert acknowledged.after["revision"] == 2


def _push(client, key, body):
    return client.post(
        "/api/v1/metrics/",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_metric_of_a_finalised_scorecard_changes_through_the_api_only_with_a_reason(
    client, card, learner
):
    _token, key = token_create(name="服务台")
    change = [{"employee_id": "E1001", "indicator": "first_time_fix_rate", "period": "2026-Q3"}]
    change[0]["value"] = 91
    refused = _push(client, key, change)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "reason"
    assert "finalised scorecards" in refused.json()["errors"][0]["message"]
    stored = MetricRecord.objects.get(employee=learner, indicator="first_time_fix_rate")
    assert stored.value == 88
    assert not Entry.objects.filter(action="assessment.metrics_imported").exists()

    done = _push(client, key, {"records": change, "reason": "服务台更正工单"})
    assert done.status_code == 200
    imported = Entry.objects.get(action="assessment.metrics_imported")
    assert imported.after == {"created": 0, "updated": 1, "unchanged": 0, "via": "API 服务台"}
    changed = Entry.objects.get(action="assessment.metric_changed_after_finalisation")
    assert (changed.subject, changed.reason) == (learner, "服务台更正工单")
    assert changed.before == {"first_time_fix_rate 2026-Q3": "88.0000"}
    assert changed.after == {"first_time_fix_rate 2026-Q3": "91"}


def test_the_import_command_asks_for_a_reason_for_finalised_values(tmp_path, card, learner):
    path = tmp_path / "metrics.csv"
    path.write_text("employee_id,indicator,period,value\nE1001,first_time_fix_rate,2026-Q3,90\n")
    with pytest.raises(CommandError, match="--reason"):
        call_command("import_metrics", str(path))
    assert MetricRecord.objects.get(employee=learner, indicator="first_time_fix_rate").value == 88
    call_command("import_metrics", str(path), "--reason", "人事复核")
    assert Entry.objects.get(action="assessment.metric_changed_after_finalisation").reason == (
        "人事复核"
    )


def test_an_import_of_values_no_scorecard_froze_needs_no_reason(tmp_path, learner, program):
    path = tmp_path / "metrics.csv"
    path.write_text("employee_id,indicator,period,value\nE1001,first_time_fix_rate,2026-Q3,90\n")
    call_command("import_metrics", str(path))
    entry = Entry.objects.get(action="assessment.metrics_imported")
    assert entry.after["created"] == 1 and entry.reason == ""


def test_staff_reading_a_scorecard_is_in_the_access_log(client, card, learner, assessor):
    client.force_login(assessor)
    with translation.override("en"):
        assert client.get(CARD).status_code == 200
        assert client.get(CARD + "r1/feedback/").status_code == 200
    viewed = Entry.objects.filter(chain=Chain.ACCESS)
    assert [(e.actor, e.subject, e.object_id) for e in viewed] == [
        (assessor, learner, str(card.pk))
    ] * 2
    client.force_login(learner)
    client.get(CARD + "r1/feedback/")
    assert viewed.count() == 2

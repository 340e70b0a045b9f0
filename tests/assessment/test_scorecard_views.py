"""Scorecard pages: who may see them, finalising, revisions and what stays frozen."""

from decimal import Decimal

import pytest

from assessment.models import SchemeVersionLocked, Scorecard, ScorecardFrozen, snapshot_sha256
from assessment.services.scorecards import scorecard_finalise
from audit.models import Entry
from tests.assessment.factories import put_metrics
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

URL = "/scorecards/TST-L1/2026-Q3/{}/"


@pytest.fixture
def engineer(learner, program):
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4.2)
    return learner


def finalise(client, employee_id="E1001", reason=None):
    data = {"reason": reason} if reason is not None else {}
    return client.post(URL.format(employee_id) + "finalise/", data)


def test_a_learner_sees_their_own_scorecard(learner_client, engineer):
    page = learner_client.get(URL.format("E1001"))
    assert page.status_code == 200
    html = page.content.decode()
    # ftfr (88 − 60) / 35 → 80; repeat (3 − 10) / −10 → 70; technical ability 75
    # teamwork (4.2 − 1) / 4 → 80; total = 0.5 × 75 + 0.5 × 80 = 77.5
    assert 'data-testid="scorecard-total">77.50<' in html
    assert "合格" in html  # grade "pass"
    assert "已认证" in html  # certified
    assert "<svg" in html and "chart-bars" in html  # two dimensions: bars instead of a radar


def test_a_learner_never_sees_another_engineers_scorecard(client, engineer, program):
    other = LearnerFactory(employee_id="E2002")
    put_metrics(other, first_time_fix_rate=70)
    client.force_login(engineer)
    assert client.get(URL.format("E2002")).status_code == 404
    assert client.get(URL.format("E9999")).status_code == 404
    scorecard_finalise(program=program, period="2026-Q3", user_id=engineer.pk, by=None)
    client.force_login(other)
    for suffix in ("", "r1/", "r1/feedback/", "r1/feedback.pdf"):
        assert client.get(URL.format("E1001") + suffix).status_code == 404
    assert client.post(URL.format("E1001") + "r1/feedback/acknowledge/").status_code == 404
    assert client.post(URL.format("E1001") + "finalise/").status_code == 404


def test_an_assessor_sees_everyone_and_a_learner_cannot_finalise(
    client, assessor, engineer, django_assert_max_num_queries
):
    client.force_login(engineer)
    assert finalise(client).status_code == 404
    client.force_login(assessor)
    with django_assert_max_num_queries(16):  # +4: the access log's entry (audit.record_access)
        assert client.get(URL.format("E1001")).status_code == 200


def test_finalising_freezes_a_snapshot_and_later_changes_make_a_new_revision(
    assessor_client, engineer
):
    response = finalise(assessor_client)
    assert response.status_code == 302
    assert response.url == URL.format("E1001") + "r1/feedback/"
    first = Scorecard.objects.get()
    assert (first.revision, first.status, first.total, first.grade) == (
        1,
        "certified",
        Decimal("77.50"),
        "pass",
    )
    assert first.sha256 == snapshot_sha256(first.snapshot) and first.hash_is_intact()
    assert first.snapshot["inputs"]["metrics"]["first_time_fix_rate"]["value"] == "88.0000"
    assert first.snapshot["scheme_version"]["number"] == 1
    frozen = dict(first.snapshot)

    # Nothing changed: no new revision.
    finalise(assessor_client)
    assert Scorecard.objects.count() == 1

    put_metrics(engineer, first_time_fix_rate=95)
    page = assessor_client.get(URL.format("E1001")).content.decode()
    assert 'data-testid="scorecard-changed"' in page
    assert 'name="reason"' in page  # reopening revision 1 asks why
    # Without a reason, revision 1 stays the only one (the audit trail needs the reason).
    assessor_client.cookies["lms_language"] = "en"
    refused = assessor_client.get(finalise(assessor_client)["Location"])
    del assessor_client.cookies["lms_language"]
    assert "give a reason to finalise a new revision" in refused.content.decode()
    assert Scorecard.objects.count() == 1
    finalise(assessor_client, reason="补录了 8 月的首次修复率")
    second = Scorecard.objects.get(revision=2)
    reopened = Entry.objects.get(action="assessment.scorecard_reopened")
    assert reopened.reason == "补录了 8 月的首次修复率" and reopened.object_id == str(first.pk)
    assert reopened.before["revision"] == 1 and reopened.after == {"revision": 2}
    assert second.total == Decimal("82.50")  # ftfr 100 → tech 85 → (85 + 80) / 2
    first.refresh_from_db()
    assert first.snapshot == frozen and first.total == Decimal("77.50") and first.hash_is_intact()

    # The old revision still shows what was frozen.
    page = assessor_client.get(URL.format("E1001") + "r1/").content.decode()
    assert 'data-testid="scorecard-total">77.50<' in page
    assert first.sha256 in page


def test_a_finalised_scorecard_refuses_changes(engineer, program):
    card, _ = scorecard_finalise(program=program, period="2026-Q3", user_id=engineer.pk, by=None)
    card.total = Decimal("99")
    with pytest.raises(ScorecardFrozen):
        card.save()
    card.refresh_from_db()
    card.snapshot["result"]["total"] = "99"
    with pytest.raises(ScorecardFrozen):
        card.save()


def test_an_incomplete_scorecard_cannot_be_finalised(assessor_client, learner, program):
    put_metrics(learner, first_time_fix_rate=88)
    page = assessor_client.get(URL.format("E1001")).content.decode()
    assert "未完成" in page  # incomplete
    assert "重复维修率" in page and "同事协作评分" in page  # each missing indicator is listed
    assert 'data-testid="finalise"' not in page
    response = finalise(assessor_client)
    assert response.status_code == 302
    assert not Scorecard.objects.exists()


def test_a_used_scheme_version_cannot_change(engineer, program, version):
    scorecard_finalise(program=program, period="2026-Q3", user_id=engineer.pk, by=None)
    version.refresh_from_db()
    version.pass_mark = Decimal(70)
    with pytest.raises(SchemeVersionLocked):
        version.save()
    # Its status may still change (activating another version retires it).
    version.refresh_from_db()
    version.status = "retired"
    version.save()


def test_my_scorecards_lists_provisional_and_finalised(learner_client, engineer, program):
    page = learner_client.get("/scorecards/").content.decode()
    assert "TST-L1" in page and "2026-Q3" in page and "尚未定稿" in page  # not finalised yet
    scorecard_finalise(program=program, period="2026-Q3", user_id=engineer.pk, by=None)
    page = learner_client.get("/scorecards/").content.decode()
    assert "反馈报告" in page and "待确认" in page


def test_an_assessor_going_to_my_scorecards_lands_on_the_cohort(assessor_client):
    response = assessor_client.get("/scorecards/")
    assert response.status_code == 302 and response.url == "/assessment/scorecards/"


def test_anonymous_visitors_are_sent_to_login(client, engineer):
    response = client.get(URL.format("E1001"))
    assert response.status_code == 302 and "/accounts/login/" in response.url

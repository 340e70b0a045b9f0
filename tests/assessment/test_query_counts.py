"""Pages that list things run a number of queries that does not grow with the data."""

import pytest

from assessment.metric_rows import RawRow
from assessment.models import MetricRecord, PeerAssignment
from assessment.services.metrics import metrics_apply, metrics_plan
from assessment.services.peer import peer_rating_submit, peer_round_open
from assessment.services.scorecards import scorecard_finalise
from tests.assessment.factories import put_metrics
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def grow(program, n=30):
    people = []
    for index in range(n):
        person = LearnerFactory(employee_id=f"E5{index:03d}")
        put_metrics(
            person,
            first_time_fix_rate=70 + index % 20,
            repeat_repair_rate=3,
            peer_teamwork_rating=4,
        )
        people.append(person)
    return people


def test_my_scorecards_and_the_revision_page(
    client, learner, program, django_assert_max_num_queries
):
    grow(program)
    for period in ("2026-Q1", "2026-Q2", "2026-Q3"):
        put_metrics(
            learner,
            period=period,
            first_time_fix_rate=88,
            repeat_repair_rate=3,
            peer_teamwork_rating=4,
        )
        scorecard_finalise(program=program, period=period, user_id=learner.pk, by=None)
    client.force_login(learner)
    with django_assert_max_num_queries(10):
        page = client.get("/scorecards/")
    assert page.content.decode().count("/feedback/") == 3
    with django_assert_max_num_queries(10):
        assert client.get("/scorecards/TST-L1/2026-Q3/E1001/r1/").status_code == 200
    # The site menu asks each app whether to show its entry: a constant, not per scorecard;
    # the to-do list reads which assignments name units and the learner's (none here).
    with django_assert_max_num_queries(18):
        assert client.get("/dashboard/learner/").status_code == 200


def test_metric_history_and_import_preview(assessor_client, program, django_assert_max_num_queries):
    from django.core.files.uploadedfile import SimpleUploadedFile

    people = grow(program)
    record = MetricRecord.objects.filter(employee=people[0]).first()
    for value in range(5):
        metrics_apply(
            plan=metrics_plan(
                rows=[
                    RawRow(
                        1,
                        {
                            "employee_id": "E5000",
                            "indicator": record.indicator,
                            "period": "2026-Q3",
                            "value": str(60 + value),
                        },
                    )
                ]
            )
        )
    with django_assert_max_num_queries(10):
        page = assessor_client.get(f"/assessment/metrics/{record.pk}/history/")
    assert page.content.decode().count("<tr>") >= 5
    lines = "\n".join(f"E5{n:03d},first_time_fix_rate,2026-Q4,{80 + n % 10}" for n in range(30))
    upload = SimpleUploadedFile("m.csv", ("工号,指标,周期,数值\n" + lines).encode(), "text/csv")
    url = assessor_client.post("/assessment/metrics/upload/", {"file": upload}).url
    with django_assert_max_num_queries(14):
        assert assessor_client.get(url).status_code == 200


def test_peer_pages(client, assessor, program, django_assert_max_num_queries):
    people = grow(program, 12)
    peer_round = peer_round_open(
        title="r",
        program=program,
        cohort_id=1,
        cohort_name="c",
        member_ids=[p.pk for p in people],
        period="2026-Q3",
        indicator="peer_teamwork_rating",
        items=["a", "b"],
    )
    for assignment in PeerAssignment.objects.all()[:40]:
        peer_rating_submit(assignment=assignment, scores=[4, 5])
    client.force_login(assessor)
    with django_assert_max_num_queries(11):  # +1: the header's unread count
        assert client.get(f"/assessment/peer/{peer_round.pk}/").status_code == 200
    client.force_login(people[0])
    with django_assert_max_num_queries(8):
        page = client.get("/peer/")
    assert page.content.decode().count("/peer/") >= 11

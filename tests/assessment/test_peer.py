"""Peer evaluation: assignments, anonymous ratings, closing writes the mean as a metric.

Most rounds here are opened through the service with member ids; one test opens a round for a
real cohort (courses) through the assessor's form.
"""

from decimal import Decimal

import pytest

from assessment.errors import AssessmentError
from assessment.models import MetricRecord, PeerAssignment, PeerRound
from assessment.services.peer import (
    default_peer_items,
    peer_rating_submit,
    peer_round_close,
    peer_round_open,
)
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(program):
    return [LearnerFactory(employee_id=f"E80{n}", display_name=f"队员{n}") for n in range(1, 5)]


@pytest.fixture
def peer_round(program, team, assessor):
    return peer_round_open(
        title="2026 年三季度同事评价",
        program=program,
        cohort_id=7,
        cohort_name="2026 春季班",
        member_ids=[u.pk for u in team],
        period="2026-Q3",
        indicator="peer_teamwork_rating",
        items=default_peer_items(),
        raters_per_person=2,
        by=assessor,
    )


def test_each_member_rates_the_next_teammates(peer_round, team):
    pairs = set(peer_round.assignments.values_list("rater__employee_id", "ratee__employee_id"))
    assert pairs == {
        ("E801", "E802"),
        ("E801", "E803"),
        ("E802", "E803"),
        ("E802", "E804"),
        ("E803", "E804"),
        ("E803", "E801"),
        ("E804", "E801"),
        ("E804", "E802"),
    }


def test_opening_checks_the_indicator_and_the_cohort(program, team):
    common = {
        "title": "t",
        "program": program,
        "cohort_id": 1,
        "cohort_name": "c",
        "period": "2026-Q3",
        "items": ["a"],
    }
    with pytest.raises(AssessmentError):
        peer_round_open(member_ids=[t.pk for t in team], indicator="nope", **common)
    with pytest.raises(AssessmentError):
        peer_round_open(member_ids=[team[0].pk], indicator="peer_teamwork_rating", **common)


def test_a_learner_rates_an_assigned_teammate(client, peer_round, team):
    client.force_login(team[0])
    page = client.get("/peer/").content.decode()
    assert "队员2" in page and "队员3" in page and "队员4" not in page
    assignment = PeerAssignment.objects.get(rater=team[0], ratee=team[1])
    url = f"/peer/{assignment.pk}/"
    assert "与同事的沟通协作" in client.get(url).content.decode()
    response = client.post(url, {"item_0": "5", "item_1": "4", "item_2": "9"})
    assert response.status_code == 400  # 9 is not a choice; what was chosen is kept
    assert 'value="5" class="rating" required id="id_item_0_4" checked' in response.content.decode()
    response = client.post(url, {"item_0": "5", "item_1": "4", "item_2": "4"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.scores == [5, 4, 4] and assignment.submitted_at


def test_nobody_opens_someone_elses_assignment(client, peer_round, team):
    assignment = PeerAssignment.objects.get(rater=team[0], ratee=team[1])
    client.force_login(team[1])
    assert client.get(f"/peer/{assignment.pk}/").status_code == 404
    assert (
        client.post(
            f"/peer/{assignment.pk}/", {"item_0": "1", "item_1": "1", "item_2": "1"}
        ).status_code
        == 404
    )


def test_ratings_are_anonymous_to_the_rated_person(client, peer_round, team, program):
    assignment = PeerAssignment.objects.get(rater=team[0], ratee=team[1])
    peer_rating_submit(assignment=assignment, scores=[5, 5, 5])
    client.force_login(team[1])
    for url in ("/peer/", "/scorecards/", "/dashboard/learner/"):
        assert "队员1" not in client.get(url).content.decode()


def test_closing_writes_the_mean_per_person(client, assessor, peer_round, team):
    given = {(0, 1): [5, 4, 4], (3, 1): [3, 3, 4], (1, 2): [4, 4, 4], (0, 2): [2, 3, 3]}
    for (rater, ratee), scores in given.items():
        assignment = PeerAssignment.objects.get(rater=team[rater], ratee=team[ratee])
        peer_rating_submit(assignment=assignment, scores=scores)
    client.force_login(assessor)
    page = client.get(f"/assessment/peer/{peer_round.pk}/").content.decode()
    results = page.split('data-testid="peer-results"')[1]
    assert "3.83" in results and "3.33" in results
    response = client.post(f"/assessment/peer/{peer_round.pk}/close/")
    assert response.status_code == 302
    peer_round.refresh_from_db()
    assert peer_round.status == PeerRound.Status.CLOSED
    values = dict(
        MetricRecord.objects.filter(indicator="peer_teamwork_rating", period="2026-Q3").values_list(
            "employee__employee_id", "value"
        )
    )
    # E802: (5+4+4+3+3+4)/6 = 3.8333; E803: (4+4+4+2+3+3)/6 = 3.3333; nobody rated E801, E804
    assert values == {"E802": Decimal("3.8333"), "E803": Decimal("3.3333")}
    record = MetricRecord.objects.get(employee=team[1])
    assert record.source == "peer_evaluation" and "2 位同事" in record.note
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("队员1" in m and "队员4" in m for m in messages)
    # Closed rounds accept no more ratings and cannot be closed again.
    assignment = PeerAssignment.objects.get(rater=team[1], ratee=team[3])
    with pytest.raises(AssessmentError):
        peer_rating_submit(assignment=assignment, scores=[1, 1, 1])
    with pytest.raises(AssessmentError):
        peer_round_close(peer_round=peer_round)


def test_learners_cannot_manage_rounds(learner_client, peer_round):
    assert learner_client.get("/assessment/peer/").status_code == 404
    assert learner_client.post(f"/assessment/peer/{peer_round.pk}/close/").status_code == 404


def test_the_round_list_for_assessors(assessor_client, peer_round, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = assessor_client.get("/assessment/peer/")
    assert "2026 年三季度同事评价" in page.content.decode() and "0 / 8" in page.content.decode()


def test_an_assessor_opens_a_round_for_a_real_cohort_from_the_form(assessor_client, program, team):
    from tests.courses.factories import make_cohort, make_course

    outsider = LearnerFactory(employee_id="E899")
    cohort = make_cohort(course=make_course(), learners=team, name="2026年7月入职班")
    form_page = assessor_client.get("/assessment/peer/new/").content.decode()
    assert "2026年7月入职班" in form_page and "TST-L1:peer_teamwork_rating" in form_page

    data = {
        "title": "三季度同事评价",
        "indicator": "TST-L1:peer_teamwork_rating",
        "cohort": cohort.pk,
        "period": "2026-Q5",  # no such quarter
        "items": "主动分享经验\n乐于协助同事",
        "raters_per_person": "2",
    }
    refused = assessor_client.post("/assessment/peer/new/", data)
    assert refused.status_code == 400 and PeerRound.objects.count() == 0
    assert "三季度同事评价" in refused.content.decode()  # what was typed is kept

    response = assessor_client.post("/assessment/peer/new/", {**data, "period": "2026-Q3"})
    (opened,) = PeerRound.objects.all()
    assert response.status_code == 302 and response.url == f"/assessment/peer/{opened.pk}/"
    assert opened.cohort_name == "2026年7月入职班"
    assert opened.items == ["主动分享经验", "乐于协助同事"]
    raters = set(opened.assignments.values_list("rater__employee_id", flat=True))
    rated = set(opened.assignments.values_list("ratee__employee_id", flat=True))
    assert raters == rated == {u.employee_id for u in team}  # the cohort, nobody else
    assert opened.assignments.count() == 2 * len(team)
    assert outsider.employee_id not in raters | rated

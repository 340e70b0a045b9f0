"""Peer evaluation: assignments, anonymous ratings, closing writes the mean as a metric.

Rounds are opened through the service with the cohort's member ids; the page that lists the
cohorts needs the course app (courses.api) and is tested after integration.
"""

from decimal import Decimal

import pytest

from certificates import services
from certificates.models import MetricRecord, PeerAssignment, PeerRound
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(program):
    return [LearnerFactory(employee_id=f"E80{n}", display_name=f"队员{n}") for n in range(1, 5)]


@pytest.fixture
def peer_round(program, team, assessor):
    return services.peer_round_open(
        title="2026 年三季度同事评价",
        program=program,
        cohort_id=7,
        cohort_name="2026 春季班",
        member_ids=[u.pk for u in team],
        period="2026-Q3",
        indicator="peer_teamwork_rating",
        items=list(services.DEFAULT_PEER_ITEMS),
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
    with pytest.raises(services.AssessmentError):
        services.peer_round_open(member_ids=[t.pk for t in team], indicator="nope", **common)
    with pytest.raises(services.AssessmentError):
        services.peer_round_open(
            member_ids=[team[0].pk], indicator="peer_teamwork_rating", **common
        )


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
    services.peer_rating_submit(assignment=assignment, scores=[5, 5, 5])
    client.force_login(team[1])
    for url in ("/peer/", "/scorecards/", "/dashboard/learner/"):
        assert "队员1" not in client.get(url).content.decode()


def test_closing_writes_the_mean_per_person(client, assessor, peer_round, team):
    given = {(0, 1): [5, 4, 4], (3, 1): [3, 3, 4], (1, 2): [4, 4, 4], (0, 2): [2, 3, 3]}
    for (rater, ratee), scores in given.items():
        assignment = PeerAssignment.objects.get(rater=team[rater], ratee=team[ratee])
        services.peer_rating_submit(assignment=assignment, scores=scores)
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
    with pytest.raises(services.AssessmentError):
        services.peer_rating_submit(assignment=assignment, scores=[1, 1, 1])
    with pytest.raises(services.AssessmentError):
        services.peer_round_close(peer_round=peer_round)


def test_learners_cannot_manage_rounds(learner_client, peer_round):
    assert learner_client.get("/assessment/peer/").status_code == 404
    assert learner_client.post(f"/assessment/peer/{peer_round.pk}/close/").status_code == 404


def test_the_round_list_for_assessors(assessor_client, peer_round, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = assessor_client.get("/assessment/peer/")
    assert "2026 年三季度同事评价" in page.content.decode() and "0 / 8" in page.content.decode()

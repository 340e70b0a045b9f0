import pytest

from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def test_learner_dashboard_shows_my_details(learner_client):
    page = learner_client.get("/dashboard/learner/").content.decode()
    assert "王小明" in page
    assert "E1001" in page


def test_assessor_dashboard_lists_engineers(assessor_client, learner):
    page = assessor_client.get("/dashboard/assessor/").content.decode()
    assert "王小明" in page and "E1001" in page


@pytest.mark.parametrize("role", ["learner", "assessor"])
def test_dashboards_do_not_run_more_queries_as_learners_grow(
    client, request, role, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(role))
    LearnerFactory.create_batch(60)
    # Every app adds its panels and menu entries: a constant number, whatever the data.
    with django_assert_max_num_queries(20):
        assert client.get(f"/dashboard/{role}/").status_code == 200

"""Preview the impact of a draft version, then activate it."""

import pytest

from assessment.models import SchemeVersion
from assessment.services.schemes import scheme_import
from tests.assessment.factories import put_metrics, scheme_file
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(program):
    stricter = scheme_file(pass_mark=80)
    return scheme_import(data=stricter).version


@pytest.fixture
def people(program):
    values = [(95, 0, 5), (88, 3, 4.2), (70, 5, 3)]  # totals 100, 77.5, about 52.1
    for n, (ftfr, repeat, peer) in enumerate(values):
        put_metrics(
            LearnerFactory(employee_id=f"E400{n}"),
            first_time_fix_rate=ftfr,
            repeat_repair_rate=repeat,
            peer_teamwork_rating=peer,
        )


def test_the_impact_shows_each_engineer_before_and_after(
    assessor_client, draft, people, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = assessor_client.get(f"/assessment/schemes/{draft.pk}/impact/")
    html = response.content.decode()
    assert 'data-testid="pass-rate-before">66.67%' in html  # 2 of 3 certified under version 1
    assert 'data-testid="pass-rate-after">33.33%' in html  # only 100 reaches a pass mark of 80
    table = html.split('data-testid="impact-table"')[1]
    assert table.count("<tr>") == 4  # header and three engineers
    assert "E4001" in table and "77.50" in table


def test_activating_the_draft_retires_the_active_version(assessor_client, draft, version):
    response = assessor_client.post(f"/assessment/schemes/{draft.pk}/activate/")
    assert response.status_code == 302
    draft.refresh_from_db()
    version.refresh_from_db()
    assert draft.status == SchemeVersion.Status.ACTIVE and draft.activated_at
    assert version.status == SchemeVersion.Status.RETIRED
    response = assessor_client.post(f"/assessment/schemes/{version.pk}/activate/")
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == SchemeVersion.Status.RETIRED  # only drafts can be activated


def test_learners_cannot_preview_or_activate(learner_client, draft):
    assert learner_client.get(f"/assessment/schemes/{draft.pk}/impact/").status_code == 404
    assert learner_client.post(f"/assessment/schemes/{draft.pk}/activate/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == SchemeVersion.Status.DRAFT


def test_a_bad_period(assessor_client, draft):
    response = assessor_client.get(f"/assessment/schemes/{draft.pk}/impact/?period=2026-Q7")
    assert response.status_code == 200
    assert "周期格式应为" in response.content.decode()

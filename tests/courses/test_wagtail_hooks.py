import pytest

from courses.models import Cohort
from tests.factories import AssessorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def test_trainers_manage_cohorts_in_the_cms(client, trainer, learner, course):
    assessor = AssessorFactory(display_name="张考核")
    client.force_login(trainer)
    page = client.get("/cms/snippets/courses/cohort/add/")
    assert page.status_code == 200
    html = page.content.decode()
    assert learner.get_full_name() in html and assessor.get_full_name() not in html

    other = LearnerFactory()
    response = client.post(
        "/cms/snippets/courses/cohort/add/",
        {
            "name": "2026年8月入职班",
            "course": course.pk,
            "start_date": "2026-08-01",
            "end_date": "2026-07-01",
            "trainers": [trainer.pk],
            "learners": [learner.pk, other.pk],
        },
    )
    assert response.status_code == 200  # the form again, with the error on the end date
    assert not Cohort.objects.exists()

    response = client.post(
        "/cms/snippets/courses/cohort/add/",
        {
            "name": "2026年8月入职班",
            "course": course.pk,
            "start_date": "2026-08-01",
            "end_date": "2026-09-30",
            "trainers": [trainer.pk],
            "learners": [learner.pk, other.pk],
        },
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert set(cohort.learners.all()) == {learner, other}


def test_learners_cannot_open_the_cms(learner_client):
    assert learner_client.get("/cms/snippets/courses/cohort/").status_code in (302, 403)

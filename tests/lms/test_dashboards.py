import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail import hooks

from certificates.issuing import certificate_revoke
from courses.models import CoursePage, LessonCompletion
from tests.assessment.factories import make_program
from tests.certificates.factories import issued
from tests.courses.factories import completions, lessons_of, make_cohort, make_course
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


# --- Kept panels (lms.dashboards.Panel.kept_by) -------------------------------------------------


def _plain(value) -> bool:
    """Whether ``value``'s repr names everything in it: plain values, tuples, lists and frozen
    dataclasses of them (no model instance, no lazy string)."""
    if value is None or isinstance(value, PLAIN):
        return True
    if isinstance(value, tuple | list):
        return all(_plain(v) for v in value)
    if dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen:
        return all(_plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.repr)
    return False


PLAIN = (str, int, float, bool, Decimal, date, datetime, UUID)


@pytest.fixture
def learner_with_everything(learner):
    """A learner in a cohort with a lesson done, a finalised scorecard and a certificate."""
    course = make_course(title="售后工程师入职课程", modules=1, lessons=2)
    make_cohort(course=course, learners=[learner])
    LessonCompletion.objects.bulk_create(completions([(learner, lessons_of(course)[0])]))
    program, _version = make_program()
    certificate = issued(learner, program)
    return learner, certificate


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_kept_panel_shows_what_it_would_if_rendered_with_the_request(
    client, learner_with_everything, language
):
    learner, _certificate = learner_with_everything
    client.force_login(learner)
    client.cookies["lms_language"] = language
    request = client.get("/dashboard/learner/").wsgi_request
    kept = []
    with translation.override(language):
        for hook in hooks.get_hooks("learner_dashboard_panels"):
            panel = hook(request)
            if panel is None or panel.kept_by is None:
                continue
            kept.append(panel.template)
            assert _plain(panel.kept_by), panel.template
            direct = render_to_string(panel.template, panel.context, request=request)
            assert panel.render(request) == direct  # rendered and kept…
            assert panel.render(request) == direct  # …and read back
    assert sorted(kept) == [
        "assessment/panels/my_scorecards.html",
        "certificates/panels/my_certificates.html",
        "courses/panels/my_courses.html",
    ]


def test_a_kept_panel_changes_the_moment_what_it_shows_does(client, learner_with_everything):
    learner, certificate = learner_with_everything
    client.force_login(learner)
    client.cookies["lms_language"] = "en"

    def section(testid_or_id: str) -> str:
        html = client.get("/dashboard/learner/").content.decode()
        start = html.index(testid_or_id)
        return html[start : html.index("</section>", start)]

    before = section('id="panel-my-courses"')
    course = CoursePage.objects.get()
    LessonCompletion.objects.bulk_create(completions([(learner, lessons_of(course)[1])]))
    after = section('id="panel-my-courses"')
    assert "Completed" in after and "Completed" not in before

    assert "Valid" in section('id="panel-certificates"')
    certificate_revoke(certificate=certificate, by=None, reason="测试：吊销")
    assert "Revoked" in section('id="panel-certificates"')


def test_a_certificate_shown_as_valid_shows_as_expired_the_day_after(
    client, learner_with_everything, monkeypatch
):
    learner, certificate = learner_with_everything
    client.force_login(learner)
    client.cookies["lms_language"] = "en"
    html = client.get("/dashboard/learner/").content.decode()
    assert "Valid" in html[html.index('id="panel-certificates"') :]
    day_after = certificate.valid_until + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day_after)
    html = client.get("/dashboard/learner/").content.decode()
    assert "Expired" in html[html.index('id="panel-certificates"') :]

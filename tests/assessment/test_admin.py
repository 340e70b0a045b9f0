"""The scheme in the Wagtail admin: errors shown on the field, used versions never change,
tokens only for administrators and shown once."""

import hashlib

import pytest

from assessment.models import IntegrationToken, SchemeVersion
from assessment.services.schemes import scheme_export, scheme_import
from assessment.services.scorecards import scorecard_finalise
from tests.assessment.factories import put_metrics, scheme_file, version_form_data
from tests.assessment.test_definition import english_file

pytestmark = pytest.mark.django_db

VERSIONS = "/cms/certificates_schemeversion/"


def test_an_assessor_manages_programs_and_versions(assessor_client, version):
    assert assessor_client.get("/cms/").status_code == 200
    listing = assessor_client.get(VERSIONS)
    assert listing.status_code == 200
    assert "TST-L1" in listing.content.decode()
    assert assessor_client.get(f"{VERSIONS}edit/{version.pk}/").status_code == 200
    assert assessor_client.get("/cms/program/").status_code == 200


def test_creating_a_version_in_the_admin(assessor_client, program, assessor):
    data = version_form_data(scheme_file(pass_mark=70), program_pk=program.pk)
    response = assessor_client.post(f"{VERSIONS}new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = program.versions.get(number=2)
    assert created.status == SchemeVersion.Status.DRAFT and created.created_by == assessor
    assert scheme_export(version=created) == scheme_file(pass_mark=70)


def test_errors_are_shown_on_the_field(assessor_client, program, version):
    bad = scheme_file(components={"exam": 0, "practice": 0, "on_the_job": 90})
    bad["dimensions"][0]["indicators"][0]["best"] = 60  # equal to worst
    bad["dimensions"][1]["weight"] = 40  # dimensions add up to 90
    response = assessor_client.post(
        f"{VERSIONS}edit/{version.pk}/", version_form_data(bad, program_pk=program.pk)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["on_the_job_weight"] == ["各组成部分的权重之和必须为 100（当前为 90）。"]
    stream_error = form.errors.as_data()["dimensions"][0]
    assert [str(e.message) for e in stream_error.non_block_errors.as_data()] == [
        "各维度权重之和必须为 100（当前为 90）。"
    ]
    indicator_error = stream_error.block_errors[0].block_errors["indicators"].block_errors[0]
    assert indicator_error.block_errors["best"].message == "“最佳值”必须与“最差值”不同。"
    version.refresh_from_db()
    assert version.pass_mark == 60 and version.on_the_job_weight == 100  # nothing saved


def test_editing_a_used_version_creates_a_new_draft(assessor_client, learner, program, version):
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4)
    scorecard_finalise(program=program, period="2026-Q3", user_id=learner.pk, by=None)
    page = assessor_client.get(f"{VERSIONS}edit/{version.pk}/").content.decode()
    assert "保存你的修改将创建一个新的草稿版本" in page
    response = assessor_client.post(
        f"{VERSIONS}edit/{version.pk}/",
        version_form_data(scheme_file(pass_mark=75), program_pk=program.pk),
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.pass_mark == 60 and version.status == SchemeVersion.Status.ACTIVE
    draft = program.versions.get(number=2)
    assert draft.pass_mark == 75 and draft.status == SchemeVersion.Status.DRAFT
    assert draft.based_on == version
    assert response.url == f"{VERSIONS}edit/{draft.pk}/"


def test_only_unused_drafts_can_be_deleted(assessor_client, program, version):
    response = assessor_client.post(f"{VERSIONS}delete/{version.pk}/")
    assert response.status_code == 302
    assert SchemeVersion.objects.filter(pk=version.pk).exists()
    draft = scheme_import(data=scheme_file()).version
    assessor_client.post(f"{VERSIONS}delete/{draft.pk}/")
    assert not SchemeVersion.objects.filter(pk=draft.pk).exists()


def test_who_may_not_delete_versions_is_refused_before_the_draft_check(trainer_client, version):
    """A trainer (admin access, no scheme permissions) is told nothing about a used version."""
    for response in (
        trainer_client.get(f"{VERSIONS}delete/{version.pk}/"),
        trainer_client.post(f"{VERSIONS}delete/{version.pk}/"),
    ):
        assert response.status_code == 302
        assert response.url == "/cms/"
    assert SchemeVersion.objects.filter(pk=version.pk).exists()


def test_learners_have_no_admin(learner_client, version):
    response = learner_client.get(VERSIONS)
    assert response.status_code in (302, 403)


def test_tokens_are_for_administrators_only(assessor_client):
    response = assessor_client.get("/cms/integrationtoken/")
    assert response.status_code in (302, 403)
    assert assessor_client.post(
        "/cms/integrationtoken/new/", {"name": "x", "scope": "metrics"}
    ).status_code in (
        302,
        403,
    )
    assert not IntegrationToken.objects.exists()


def test_an_administrator_creates_a_token_and_sees_it_once(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/cms/integrationtoken/new/", {"name": "服务台", "scope": "metrics", "is_active": "on"}
    )
    assert response.status_code == 200
    key = response.context["key"]
    assert key.startswith("sa_") and key in response.content.decode()
    token = IntegrationToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:10] and token.created_by == administrator
    listing = client.get("/cms/integrationtoken/").content.decode()
    assert key not in listing and token.prefix in listing


def test_the_admin_forms_and_the_impact_link(assessor_client, program, version):
    draft = scheme_import(data=scheme_file()).version
    for url in (f"{VERSIONS}new/", "/cms/program/new/", f"/cms/program/edit/{program.pk}/"):
        assert assessor_client.get(url).status_code == 200, url
    listing = assessor_client.get(VERSIONS).content.decode()
    assert f"/assessment/schemes/{draft.pk}/impact/" in listing
    assert f"/assessment/schemes/{version.pk}/impact/" not in listing  # active: nothing to preview
    edit = assessor_client.get(f"{VERSIONS}edit/{draft.pk}/").content.decode()
    assert f"/assessment/schemes/{draft.pk}/impact/" in edit


def test_assessors_watch_bulk_issues_in_the_admin_n_of_m(assessor_client, assessor, program):
    from certificates.models import BulkIssueJob

    job = BulkIssueJob.objects.create(
        program=program,
        period="2026-Q3",
        status=BulkIssueJob.Status.RUNNING,
        total=10,
        processed=3,
        issued=2,
        skipped=1,
        created_by=assessor,
    )
    listing = assessor_client.get("/cms/bulkissuejob/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "3 / 10" in html  # "n of m" in Chinese, the admin's language here
    assert f"/assessment/certificates/issue/{job.pk}/" in html  # the live progress page
    assert "/cms/bulkissuejob/new/" not in html
    inspect = assessor_client.get(f"/cms/bulkissuejob/inspect/{job.pk}/")
    assert inspect.status_code == 200 and "2026-Q3" in inspect.content.decode()
    # Written by the worker only: no add, edit or delete in the admin.
    for url in ("new/", f"edit/{job.pk}/", f"delete/{job.pk}/"):
        response = assessor_client.get(f"/cms/bulkissuejob/{url}")
        assert response.status_code in (302, 403), url
    assert BulkIssueJob.objects.get(pk=job.pk).processed == 3


def test_learners_cannot_see_bulk_issues(learner_client):
    assert learner_client.get("/cms/bulkissuejob/").status_code in (302, 403)


def test_the_scheme_editor_keeps_english_texts_and_the_lists_name_the_gaps(
    assessor_client, program, version
):
    """The editor shows each English field beside its Chinese one; the programs and versions
    lists say which texts still lack English (by place and code, so a trainer finds them)."""
    data = english_file()
    assessor_client.cookies["lms_language"] = "en"
    edit = assessor_client.get(f"{VERSIONS}edit/{version.pk}/").content.decode()
    assert "Name (English)" in edit and "Improvement suggestion (English)" in edit
    response = assessor_client.post(
        f"{VERSIONS}new/", version_form_data(data, program_pk=program.pk)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = program.versions.get(number=2)
    data.pop("program")
    assert scheme_export(version=created) == {
        "program": {"code": "TST-L1", "name": "测试认证", "validity_months": 24},
        **data,
    }
    listing = assessor_client.get(VERSIONS).content.decode()
    assert "indicators.repeat_repair_rate.name" in listing  # version 2 leaves these without English
    assert "dimensions.teamwork.name" in listing
    assert "9 missing: dimensions.technical_ability.name" in listing  # version 1: no English
    programs = assessor_client.get("/cms/program/").content.decode()
    assert "1 missing: name" in programs  # no English name; no description at all
    program_form = assessor_client.get(f"/cms/program/edit/{program.pk}/").content.decode()
    assert 'name="name_en"' in program_form and 'name="description_en"' in program_form

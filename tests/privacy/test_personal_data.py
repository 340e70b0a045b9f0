"""Export, erasure and their refusals on the demo data (loaded once for the module, inside a
transaction rolled back at the end; files removed from storage are not restored, so the tests
that erase come last)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from audit.api import Entry
from certificates.models import Certificate
from exams.models import Attempt, AttemptQuestion
from privacy.api import _erasure_blockers as blockers
from privacy.api import erasure_blockers, register_erasure_blocker
from privacy.models import LegalHold

SECTIONS = {
    "profile",
    "placement",
    "progress",
    "attempts",
    "answers",
    "exam_marks",
    "case_reports",
    "case_report_files",
    "case_marks",
    "metrics",
    "peer_ratings_received",
    "scorecards",
    "certificates",
    "audit_entries",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", "--force", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def certified(demo, db):
    """A demo learner holding a valid certificate, with nothing that blocks erasing them (the
    demo's first learner has an open appeal)."""
    certificate = next(
        c
        for c in Certificate.objects.select_related("holder").order_by("pk")
        if c.status == "valid" and c.holder.employee_id and not erasure_blockers(c.holder)
    )
    return certificate.holder


def export(employee_id: str, tmp_path) -> zipfile.ZipFile:
    path = tmp_path / "out.zip"
    call_command("export_personal_data", employee_id, "--output", str(path), stdout=io.StringIO())
    return zipfile.ZipFile(path)


def test_the_demo_notice_is_published_in_both_languages_and_acknowledged_by_demo_people(demo, db):
    from privacy.models import NoticeAcknowledgement, PrivacyNotice

    notice = PrivacyNotice.objects.get(version=1)
    assert notice.is_published and notice.body and notice.body_en
    learner = get_user_model().objects.get(employee_id="E1001")
    assert NoticeAcknowledgement.objects.filter(user=learner, notice=notice).exists()
    client = Client()
    client.force_login(learner)
    assert client.get(reverse("notifications:inbox")).status_code == 200
    # The rule still holds for them: a new version is asked at their next sign-in.
    PrivacyNotice.objects.create(title="第二版", body="新内容").publish()
    client.force_login(learner)
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "/privacy/notice/" in response["Location"]


def test_export_of_e1001_has_every_section_in_json_and_xlsx(demo, db, tmp_path):
    archive = export("E1001", tmp_path)
    document = json.loads(archive.read("personal-data.json"))
    assert document["employee_id"] == "E1001"
    assert set(document["sections"]) >= SECTIONS
    assert document["sections"]["profile"][0]["display_name"] == "王小明"
    assert document["sections"]["attempts"], "the demo learner has attempts"
    workbook = load_workbook(io.BytesIO(archive.read("personal-data.xlsx")), read_only=True)
    assert set(workbook.sheetnames) >= SECTIONS
    for row in document["sections"]["case_report_files"]:
        assert row["file"] in archive.namelist()
    # Peer ratings received never say who gave them.
    for row in document["sections"]["peer_ratings_received"]:
        assert not {"rater", "rater_id", "rater__username"} & set(row)
    learner = get_user_model().objects.get(employee_id="E1001")
    assert Entry.objects.filter(action="privacy.data_exported", subject=learner).exists()


def test_export_of_an_unknown_employee_id_is_refused_and_writes_nothing(demo, db, tmp_path):
    with pytest.raises(CommandError, match="E9999"):
        export("E9999", tmp_path)
    assert not (tmp_path / "out.zip").exists()


def test_the_account_page_downloads_only_the_signed_in_persons_data(demo, db):
    learner = get_user_model().objects.get(employee_id="E1001")
    client = Client()
    client.force_login(learner)
    page = client.get(reverse("privacy:account"))
    assert page.status_code == 200 and "王小明" in page.content.decode()
    assert client.get(reverse("privacy:my_data")).status_code == 405
    response = client.post(reverse("privacy:my_data"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    document = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("personal-data.json"))
    assert document["employee_id"] == "E1001"
    others = get_user_model().objects.exclude(pk=learner.pk).exclude(display_name="")
    text = json.dumps(document["sections"]["attempts"], ensure_ascii=False)
    mine = set(Attempt.objects.filter(user=learner).values_list("pk", flat=True))
    assert {row["id"] for row in document["sections"]["attempts"]} == mine
    assert not any(other.employee_id and other.employee_id in text for other in others)


def test_erasure_without_a_reason_or_for_an_unknown_id_is_refused(certified):
    with pytest.raises(CommandError, match="reason"):
        call_command("erase_person", certified.employee_id, stdout=io.StringIO())
    with pytest.raises(CommandError, match="E9999"):
        call_command("erase_person", "E9999", "--reason", "本人申请", stdout=io.StringIO())
    certified.refresh_from_db()
    assert certified.is_active and certified.employee_id


def test_erasure_is_refused_under_a_legal_hold_or_a_registered_blocker(certified):
    hold = LegalHold.objects.create(person=certified, reason="劳动仲裁")
    with translation.override("en"), pytest.raises(CommandError, match="legal hold"):
        call_command("erase_person", certified.employee_id, "--reason", "x", stdout=io.StringIO())
    hold.delete()

    def open_appeal(person):
        return "has an open appeal" if person.pk == certified.pk else None

    register_erasure_blocker(open_appeal)
    try:
        with pytest.raises(CommandError, match="open appeal"):
            call_command(
                "erase_person", certified.employee_id, "--reason", "x", stdout=io.StringIO()
            )
    finally:
        blockers.remove(open_appeal)
    certified.refresh_from_db()
    assert certified.display_name and certified.is_active


def test_dry_run_lists_what_would_change_and_changes_nothing(certified):
    name = certified.display_name
    essays = list(AttemptQuestion.objects.filter(attempt__user=certified).values_list("essay"))
    out = io.StringIO()
    call_command(
        "erase_person", certified.employee_id, "--reason", "本人申请", "--dry-run", stdout=out
    )
    assert "dry run" in out.getvalue() and "certificates.holder_names: " in out.getvalue()
    certified.refresh_from_db()
    assert certified.display_name == name and certified.is_active
    assert essays == list(
        AttemptQuestion.objects.filter(attempt__user=certified).values_list("essay")
    )
    assert Certificate.objects.filter(holder=certified).exclude(holder_name="").exists()
    assert not Entry.objects.filter(action="privacy.person_erased").exists()


def names_found(terms: list[str]) -> list[str]:
    """Every column of every table (text and JSON, read in Python) that holds one of ``terms``."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed or model._meta.app_label == "sessions":
            continue
        fields = [
            f
            for f in model._meta.local_concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for field in fields:
            for pk, value in model._base_manager.values_list("pk", field.attname):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(term in text for term in terms):
                    found.append(f"{model._meta.label}.{field.name} #{pk}")
    return found


def test_erasing_a_certified_learner_leaves_no_name_and_the_certificate_verifying(certified):
    terms = [certified.display_name, certified.email, certified.employee_id]
    assert names_found(terms), "the demo holds the learner's name before"
    certificates = list(Certificate.objects.filter(holder=certified))
    pdfs = [(c.pdf.storage, c.pdf.name) for c in certificates if c.pdf]
    scores = list(Attempt.objects.filter(user=certified).values_list("pk", "score", "passed"))
    employee_id = certified.employee_id

    out = io.StringIO()
    call_command("erase_person", employee_id, "--reason", "本人申请注销", stdout=out)

    assert names_found(terms) == []
    certified.refresh_from_db()
    assert certified.display_name == f"已注销人员 #{certified.pk}"
    assert not certified.is_active and not certified.has_usable_password()
    assert certified.employee_id is None and certified.email == ""
    # Numbers keep counting.
    assert scores == list(
        Attempt.objects.filter(user=certified).values_list("pk", "score", "passed")
    )
    # The certificate verifies, status unchanged, without the name; its PDF is gone.
    valid = next(c for c in certificates if c.status == "valid")
    response = Client().get(reverse("certificates:verify_json", kwargs={"code": valid.code}))
    data = response.json()
    assert data["status"] == "valid" and data["holder_name"] is None
    assert data["holder_name_withheld"]["en"] == "Holder's name withheld at their request"
    assert not any(term in response.content.decode() for term in terms)
    page = Client().get(reverse("certificates:verify", kwargs={"code": valid.code}))
    assert "持证人已申请隐去姓名" in page.content.decode() or "withheld" in page.content.decode()
    assert pdfs and not any(storage.exists(name) for storage, name in pdfs)
    entry = Entry.objects.get(action="privacy.person_erased", subject=certified)
    assert entry.reason == "本人申请注销"

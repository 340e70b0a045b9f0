"""Administrators write notice versions and set and lift legal holds in /cms/; both are
recorded, a published version is never edited, a hold is lifted only with a reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.api import Entry
from privacy.models import LegalHold, PrivacyNotice
from tests.factories import AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(AdministratorFactory())
    client.cookies["lms_language"] = "en"
    return client


def notice_form(**overrides):
    data = {"title": "告知书", "title_en": "Notice", "body": "正文", "body_en": "Text"}
    return {**data, **overrides}


def test_a_version_is_written_then_published_and_then_never_edited(admin_client):
    response = admin_client.post(reverse("privacy_notice:add"), notice_form())
    assert response.status_code == 302
    notice = PrivacyNotice.objects.get()
    assert notice.version == 1 and not notice.is_published

    edit = reverse("privacy_notice:edit", args=[notice.pk])
    admin_client.post(edit, notice_form(body="第一版正文", publish="on"))
    notice.refresh_from_db()
    assert notice.is_published and notice.body == "第一版正文"

    response = admin_client.post(edit, notice_form(body="偷偷改掉"))
    assert response.status_code == 200
    assert "cannot be changed" in response.content.decode()
    notice.refresh_from_db()
    assert notice.body == "第一版正文"

    admin_client.post(reverse("privacy_notice:add"), notice_form(body="第二版", publish="on"))
    assert list(PrivacyNotice.objects.order_by("version").values_list("version", flat=True)) == [
        1,
        2,
    ]


def test_a_legal_hold_is_set_and_lifted_with_reasons_in_the_audit_trail(admin_client):
    person = LearnerFactory()
    response = admin_client.post(
        reverse("privacy_legal_hold:add"), {"person": person.pk, "reason": "劳动仲裁 2026-18"}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert hold.is_active and hold.set_by is not None
    entry = Entry.objects.get(action="privacy.legal_hold_set")
    assert entry.subject == person and entry.reason == "劳动仲裁 2026-18"

    edit = reverse("privacy_legal_hold:edit", args=[hold.pk])
    response = admin_client.post(
        edit, {"person": person.pk, "reason": hold.reason, "lift": "on", "lift_reason": ""}
    )
    assert response.status_code == 200
    hold.refresh_from_db()
    assert hold.is_active

    admin_client.post(
        edit,
        {"person": person.pk, "reason": hold.reason, "lift": "on", "lift_reason": "仲裁结束"},
    )
    hold.refresh_from_db()
    assert not hold.is_active
    assert Entry.objects.get(action="privacy.legal_hold_lifted").reason == "仲裁结束"

"""The privacy notice: published versions are put before each person at their first sign-in
after them; the acknowledgement (version, time) is kept; nothing changes without a notice."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from privacy.models import NoticeAcknowledgement, PrivacyNotice
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def publish(title="告知书", body="我们保存您的学习记录。", body_en="We keep your learning record."):
    notice = PrivacyNotice.objects.create(
        title=title, title_en="Privacy notice", body=body, body_en=body_en
    )
    notice.publish()
    return notice


@pytest.fixture
def person():
    user = LearnerFactory()
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(person) -> Client:
    client = Client()
    client.cookies["lms_language"] = "en"
    response = client.post(reverse("login"), {"username": person.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_without_a_published_notice_nobody_is_stopped(person):
    PrivacyNotice.objects.create(title="草稿", body="未发布")  # a draft asks nothing
    client = sign_in(person)
    assert client.get(reverse("notifications:inbox")).status_code == 200


def test_first_sign_in_shows_the_notice_until_acknowledged_and_keeps_version_and_time(person):
    notice = publish()
    client = sign_in(person)

    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("privacy:notice"))

    page = client.get(response["Location"])
    assert "We keep your learning record." in page.content.decode()

    done = client.post(reverse("privacy:notice"), {"version": notice.version, "next": "/inbox/"})
    assert done.status_code == 302 and done["Location"] == "/inbox/"
    ack = NoticeAcknowledgement.objects.get(user=person)
    assert ack.notice == notice and ack.acknowledged_at is not None
    assert client.get(reverse("notifications:inbox")).status_code == 200

    # Signing in again asks nothing: this version is acknowledged.
    assert sign_in(person).get(reverse("notifications:inbox")).status_code == 200


def test_a_new_version_is_asked_again_at_the_next_sign_in(person):
    first = publish()
    NoticeAcknowledgement.objects.create(user=person, notice=first)
    second = publish(body_en="Now we also keep your appeals.")
    client = sign_in(person)
    response = client.get(reverse("dashboard"))
    assert response["Location"].startswith(reverse("privacy:notice"))
    assert (
        "Now we also keep your appeals." in client.get(reverse("privacy:notice")).content.decode()
    )
    client.post(reverse("privacy:notice"), {"version": second.version})
    versions = NoticeAcknowledgement.objects.filter(user=person).values_list(
        "notice__version", flat=True
    )
    assert sorted(versions) == [first.version, second.version]


def test_an_outdated_version_posted_is_not_taken_as_acknowledgement(person):
    first = publish()
    client = sign_in(person)
    publish(body_en="Version two.")
    response = client.post(reverse("privacy:notice"), {"version": first.version})
    assert response["Location"] == reverse("privacy:notice")
    assert not NoticeAcknowledgement.objects.filter(user=person).exists()


def test_open_pages_stay_open_before_acknowledging(person):
    publish()
    client = sign_in(person)
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get("/verify/not-a-real-code-000000000.json").status_code == 404
    assert client.get(reverse("privacy:notice")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_a_published_version_cannot_be_edited_a_new_version_is_a_new_row():
    notice = publish()
    notice.body = "改过的文字"
    with pytest.raises(ValidationError):
        notice.full_clean()
    again = PrivacyNotice.objects.create(title="告知书", body="第二版")
    assert again.version == notice.version + 1

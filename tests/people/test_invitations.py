"""Invitations: an email with a set-password link that works once and expires
(people.services.invitations, /accounts/invitation/…, ``invite_people``; decision 0707)."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from notifications.models import Notification
from people.services import invitations
from people.services.invitations import tokens
from people.services.roster import roster_import
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "a-fresh-long-password-7"
LINK = re.compile(r"http://testserver(/accounts/invitation/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.BASE_URL = "http://testserver"


def newcomer(username="E7001", email="new@example.com", language=""):
    user = UserFactory(username=username, employee_id=username, email=email, language=language)
    user.password = make_password(None)
    user.save()
    return user


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def set_password(client, url, password=NEW_PASSWORD):
    return client.post(url, {"new_password1": password, "new_password2": password})


def test_the_invitation_link_sets_the_password_once(admin_client, client, administrator):
    person = newcomer(language="en")
    admin_client.post(f"/cms/people/{person.pk}/invite/")
    [message] = mail.outbox
    assert message.to == ["new@example.com"]
    assert message.subject == "Your invitation to the Service Academy"  # the person's language
    assert "Your username is E7001." in message.body and "7 days" in message.body
    url = link_in(message)
    visitor = client.__class__()
    with translation.override("en"):
        form = visitor.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert form.context["state"] == "valid"
    assert "Choose your password" in form.content.decode()
    done = set_password(visitor, url)
    assert done.status_code == 302 and done.url == "/accounts/login/"
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert ModelLogEntry.objects.filter(
        action="people.invitation_accepted", object_id=str(person.pk), user=person
    ).exists()
    signed_in = visitor.post("/accounts/login/", {"username": "E7001", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and "_auth_user_id" in visitor.session
    # Used: the same link no longer works, and cannot set another password.
    again = admin_client.__class__()
    assert again.get(url).context["state"] == "invalid"
    assert set_password(again, url, "another-long-password-9").status_code == 200
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_the_email_is_in_chinese_for_a_chinese_speaker(admin_client):
    person = newcomer(language="zh-hans")
    admin_client.post(f"/cms/people/{person.pk}/invite/")
    [message] = mail.outbox
    with translation.override("zh-hans"):
        greeting = gettext("Dear %(name)s,") % {"name": person.get_full_name()}
    assert "您好" in greeting  # from the catalog
    assert message.body.startswith(greeting)
    assert LINK.search(message.body)


def test_the_link_expires_after_the_configured_days(client, settings):
    settings.PEOPLE_INVITATION_DAYS = 3
    person = newcomer()
    uid = link_path_uid(person)
    now = tokens._num_seconds(tokens._now())
    fresh = tokens._make_token_with_timestamp(person, now - 2 * 86400, tokens.secret)
    old = tokens._make_token_with_timestamp(person, now - 3 * 86400 - 60, tokens.secret)
    assert client.get(f"/accounts/invitation/{uid}/{fresh}/").context["state"] == "valid"
    with translation.override("en"):
        page = client.get(f"/accounts/invitation/{uid}/{old}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and page.context["state"] == "expired"
    assert "The link has expired" in page.content.decode()
    assert set_password(client, f"/accounts/invitation/{uid}/{old}/").status_code == 200
    person.refresh_from_db()
    assert not person.has_usable_password()


def link_path_uid(person) -> str:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(person.pk))


@pytest.mark.parametrize(
    "tail",
    [
        "{uid}/{token}x/",  # tampered
        "{uid}/zz-0123/",  # made up
        "{uid}/nodash/",
        "MTIzNDU2Nzg5/{token}/",  # another (unknown) account
        "!!!/{token}/",  # not base64
        "{uid}/{reset}/",  # a password-reset token is no invitation
    ],
)
def test_a_bad_link_gets_a_clear_page(client, tail):
    person = newcomer()
    other = newcomer("E7002", "other@example.com")
    values = {
        "uid": link_path_uid(person),
        "token": tokens.make_token(person),
        "reset": default_token_generator.make_token(person),
    }
    url = "/accounts/invitation/" + tail.format(**values)
    with translation.override("en"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and page.context["state"] == "invalid"
    assert "This invitation no longer works" in page.content.decode()
    assert set_password(client, url).status_code == 200
    for user in (person, other):
        user.refresh_from_db()
        assert not user.has_usable_password()
    # The token of one account opens no other.
    wrong = f"/accounts/invitation/{link_path_uid(other)}/{values['token']}/"
    assert client.get(wrong).context["state"] == "invalid"


def test_a_deactivated_person_cannot_use_their_invitation(client):
    person = newcomer()
    url = f"/accounts/invitation/{link_path_uid(person)}/{tokens.make_token(person)}/"
    person.is_active = False
    person.save()
    assert client.get(url).context["state"] == "inactive"
    set_password(client, url)
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_a_person_without_an_email_gets_a_clear_message_not_a_silent_skip(admin_client):
    person = newcomer(email="")
    with translation.override("en"):
        page = admin_client.post(
            f"/cms/people/{person.pk}/invite/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
    messages = [str(m) for m in page.context["messages"]]
    assert any("has no email address" in m for m in messages), messages
    assert not mail.outbox
    assert page.context["row"]["invitation"].code == "no_email"


def test_someone_with_a_password_is_not_invited(admin_client):
    person = UserFactory(username="has-password")
    admin_client.post(f"/cms/people/{person.pk}/invite/")
    assert not mail.outbox
    assert not ModelLogEntry.objects.filter(action="people.invitation_sent").exists()


def test_bulk_invitations_for_the_ticked_people(admin_client, administrator):
    first, second = newcomer("E7001", "a@example.com"), newcomer("E7002", "b@example.com")
    no_email = newcomer("E7003", "")
    with_password = UserFactory(username="veteran")
    with translation.override("en"):
        page = admin_client.post(
            "/cms/people/invite/",
            {"person": [first.pk, no_email.pk, with_password.pk], "filters": "q=E70"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert page.request["QUERY_STRING"] == "q=E70"
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    messages = " ".join(str(m) for m in page.context["messages"])
    assert "The invitation to 1 person is being sent" in messages
    assert "1 person has no email address and got no invitation" in messages
    assert "E7003" in messages
    assert "already has a password" in messages
    assert {row["person"].username: row["invitation"].code for row in page.context["rows"]} == {
        "E7001": "pending",
        "E7002": "not_invited",
        "E7003": "no_email",
    }
    entry = ModelLogEntry.objects.get(action="people.invitation_sent")
    assert (entry.object_id, entry.user) == (str(first.pk), administrator)
    assert second.pk  # untouched
    told = Notification.objects.get(recipient=administrator, event="invitations_sent")
    assert (told.title_en, told.title) == ("Invitations sent: 1 person.", "邀请已发送：1 人。")
    assert told.url == "/cms/people/"


def test_bulk_invitations_for_everyone_matching_the_filters(admin_client):
    roster = (
        "工号,姓名,部门,邮箱\nE1,甲,总部/东区,e1@example.com\nE2,乙,总部/东区/上海,e2@example.com\n"
        "E3,丙,总部/西区,e3@example.com\nE4,丁,总部/东区,\n"
    )
    roster_import(data=roster.encode(), filename="roster.csv")
    from people.models import OrgUnit

    east = OrgUnit.objects.get(path="总部/东区")
    listing = admin_client.get("/cms/people/", {"unit": east.pk})
    assert listing.context["to_invite"] == 3
    admin_client.post("/cms/people/invite/", {"scope": "filtered", "unit": east.pk})
    assert sorted(m.to[0] for m in mail.outbox) == ["e1@example.com", "e2@example.com"]


def test_nothing_ticked_says_so(admin_client):
    with translation.override("en"):
        page = admin_client.post("/cms/people/invite/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Nobody to invite" in " ".join(str(m) for m in page.context["messages"])


# --- The command -------------------------------------------------------------------------------


def invite(*args):
    out = io.StringIO()
    with translation.override("en"):
        call_command("invite_people", *args, stdout=out)
    return out.getvalue()


def test_the_command_invites_a_unit_and_skips_pending_invitations():
    roster = (
        "工号,姓名,部门,邮箱\nE1,甲,总部/东区,e1@example.com\nE2,乙,总部/东区/上海,\n"
        "E3,丙,总部/西区,e3@example.com\n"
    )
    roster_import(data=roster.encode(), filename="roster.csv")
    dry = json.loads(invite("--unit", "总部/东区", "--dry-run", "--format", "json"))
    assert dry == {"sent": 1, "without_email": 1, "failed": 0, "without_email_ids": ["E2"]}
    assert not mail.outbox
    table = invite("--unit", "总部/东区")
    assert "1 invitation sent." in table and "E2" in table
    assert [m.to for m in mail.outbox] == [["e1@example.com"]]
    assert ModelLogEntry.objects.get(action="people.invitation_sent").user is None
    assert json.loads(invite("--format", "json"))["sent"] == 1  # E3 only: E1's is pending
    assert json.loads(invite("--resend", "--format", "json"))["sent"] == 2


def test_the_command_resends_expired_invitations(settings):
    person = newcomer()
    invite()
    ModelLogEntry.objects.filter(action="people.invitation_sent").update(
        timestamp=ModelLogEntry.objects.get().timestamp - timedelta(days=8)
    )
    assert json.loads(invite("--format", "json"))["sent"] == 1
    assert len(mail.outbox) == 2 and person.pk


def test_the_command_refuses_an_unknown_unit():
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("invite_people", "--unit", "没有/这个", stdout=io.StringIO())
    assert raised.value.returncode == 1
    assert "no unit “没有/这个”" in str(raised.value)


def test_a_mail_server_that_refuses_gets_a_clear_message_and_no_audit_entry(admin_client, settings):
    # A real SMTP connection to a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    person = newcomer()
    with translation.override("en"):
        page = admin_client.post(
            f"/cms/people/{person.pk}/invite/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert page.status_code == 200
    messages = " ".join(str(m) for m in page.context["messages"])
    assert "The mail server refused the invitations to: 测试用户" in messages
    assert not ModelLogEntry.objects.filter(action="people.invitation_sent").exists()
    assert page.context["row"]["invitation"].code == "not_invited"
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("invite_people", stdout=io.StringIO())
    assert raised.value.returncode == 1 and "refused 1 invitation:" in str(raised.value)


def test_a_bulk_invitation_the_mail_server_refuses_is_reported_in_the_inbox(
    admin_client, administrator, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    person = newcomer()
    admin_client.post("/cms/people/invite/", {"person": [person.pk]})
    told = Notification.objects.get(recipient=administrator, event="invitations_sent")
    assert told.title_en == (
        f"Invitations sent: 0 people. The mail server refused 1: {person} (E7001). "
        "Invite them again later."
    )
    assert "邮件服务器拒收了 1 人" in told.title
    assert not ModelLogEntry.objects.filter(action="people.invitation_sent").exists()


class FailsOnThirdMessage(locmem.EmailBackend):
    """A worker that dies half way: the third email raises what no mail server would."""

    def send_messages(self, messages):
        if len(mail.outbox) == 2:
            raise RuntimeError("the worker stopped")
        return super().send_messages(messages)


def test_a_worker_stopped_half_way_has_recorded_every_invitation_that_went(
    administrator, settings, monkeypatch
):
    settings.EMAIL_BACKEND = f"{__name__}.FailsOnThirdMessage"
    monkeypatch.setattr(invitations, "CHUNK", 2)
    people = [newcomer(f"E700{n}", f"p{n}@example.com") for n in range(1, 5)]
    with pytest.raises(RuntimeError):
        invitations.invitations_send_chunked(user_ids=[p.pk for p in people], by=administrator)
    assert len(mail.outbox) == 2
    audited = ModelLogEntry.objects.filter(action="people.invitation_sent")
    assert sorted(audited.values_list("object_id", flat=True)) == sorted(
        str(p.pk) for p in people[:2]
    )

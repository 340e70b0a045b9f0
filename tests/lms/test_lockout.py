"""Sign-in lockouts: five failures lock an account from every address, twenty failures lock an
address for every account (lms.lockout, decision 0005)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.lockout import locked_until
from tests.factories import PASSWORD, LearnerFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CMS_LOGIN = "/cms/login/"


def sign_in(client, username, password, address, url=LOGIN, **extra):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def retry_times(before, after):
    """The local HH:MM a lock that started between before and after ends (a minute may turn)."""
    return {
        timezone.localtime(t + timedelta(minutes=15)).strftime("%H:%M") for t in (before, after)
    }


def time_passes(minutes):
    """Move every recorded failure back in time, as if ``minutes`` had passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


# --- The account -------------------------------------------------------------------------------


def test_failures_from_five_addresses_lock_the_account_from_every_address(client, learner):
    colleague = LearnerFactory(username="colleague")
    for n in range(1, 5):
        assert sign_in(client, "learner", "wrong", f"10.0.0.{n}").status_code == 200
    before = timezone.now()
    fifth = sign_in(client, "learner", "wrong", "10.0.0.5")
    after = timezone.now()
    assert fifth.status_code == 429
    assert sign_in(client, "learner", "wrong", "10.0.0.6").status_code == 429

    # The right password from a seventh address is refused, with the time to try again.
    refused = sign_in(client, "learner", PASSWORD, "10.0.0.7")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    page = refused.content.decode()
    assert any(f"请在 {hhmm} 之后再试" in page for hhmm in retry_times(before, after)), page

    # Other accounts sign in from those addresses.
    for n in (1, 5, 7):
        response = sign_in(client, colleague.username, PASSWORD, f"10.0.0.{n}")
        assert response.status_code == 302
        client.logout()


def test_the_account_lock_ends_15_minutes_after_the_failures(client, learner):
    for n in range(1, 6):
        sign_in(client, "learner", "wrong", f"10.0.0.{n}")
    assert sign_in(client, "learner", PASSWORD, "10.0.0.9").status_code == 429
    time_passes(14)
    assert sign_in(client, "learner", PASSWORD, "10.0.0.9").status_code == 429
    time_passes(2)
    assert sign_in(client, "learner", PASSWORD, "10.0.0.9").status_code == 302


def test_failures_older_than_15_minutes_do_not_count(client, learner):
    for n in range(1, 5):
        sign_in(client, "learner", "wrong", f"10.0.0.{n}")
    time_passes(16)
    assert sign_in(client, "learner", "wrong", "10.0.0.5").status_code == 200
    assert sign_in(client, "learner", PASSWORD, "10.0.0.5").status_code == 302


def test_four_failures_then_the_right_password_start_the_count_again(client, learner):
    for n in range(1, 5):
        sign_in(client, "learner", "wrong", f"10.0.0.{n}")
    assert sign_in(client, "learner", PASSWORD, "10.0.0.1").status_code == 302
    client.logout()
    for n in range(1, 5):
        assert sign_in(client, "learner", "wrong", f"10.0.0.{n}").status_code == 200
    assert sign_in(client, "learner", PASSWORD, "10.0.0.2").status_code == 302


def test_the_wagtail_admin_has_no_sign_in_that_skips_the_lock(client, trainer):
    # /cms/login/ leads to the site's login page (decision 0704): a password posted there
    # signs nobody in, so the lock of the site's login is the only one.
    for n in range(1, 6):
        sign_in(client, "trainer", "wrong", f"10.0.1.{n}")
    sent = sign_in(client, "trainer", PASSWORD, "10.0.1.6", url=CMS_LOGIN)
    assert sent.status_code == 302
    assert sent["Location"] == "/accounts/login/?next=/cms/"
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "trainer", PASSWORD, "10.0.1.6").status_code == 429


# --- The address -------------------------------------------------------------------------------


def test_twenty_failures_from_one_address_lock_the_address(client, learner):
    for n in range(19):
        assert sign_in(client, f"guess{n:02d}", "wrong", "10.9.9.9").status_code == 200
    assert sign_in(client, "guess19", "wrong", "10.9.9.9").status_code == 429

    # A correct sign-in of another account from that address is refused ...
    refused = sign_in(client, "learner", PASSWORD, "10.9.9.9")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "网络地址" in refused.content.decode()
    # ... and the same account signs in from another address.
    assert sign_in(client, "learner", PASSWORD, "10.9.9.10").status_code == 302


def test_the_address_is_told_apart_behind_a_proxy(client, learner, settings):
    settings.PROXY_COUNT = 1
    for n in range(20):
        sign_in(client, f"guess{n:02d}", "wrong", "10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.7")
    refused = sign_in(
        client, "learner", PASSWORD, "10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert refused.status_code == 429
    allowed = sign_in(
        client, "learner", PASSWORD, "10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert allowed.status_code == 302


def test_a_successful_sign_in_does_not_clear_the_address_count(client, learner):
    """An attacker with one real account cannot wipe the address's failures by signing in."""
    for n in range(19):
        sign_in(client, f"guess{n:02d}", "wrong", "10.9.9.9")
    assert sign_in(client, "learner", PASSWORD, "10.9.9.9").status_code == 302
    client.logout()
    assert sign_in(client, "guess19", "wrong", "10.9.9.9").status_code == 429


# --- The lockout page --------------------------------------------------------------------------


def test_the_lockout_page_says_when_to_try_again_in_english(client, learner):
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    for n in range(1, 5):
        sign_in(client, "learner", "wrong", f"10.0.0.{n}")
    before = timezone.now()
    locked = sign_in(client, "learner", "wrong", "10.0.0.5")
    after = timezone.now()
    page = locked.content.decode()
    assert locked.status_code == 429
    assert "this account" in page
    assert any(f"You can try again after {hhmm}" in page for hhmm in retry_times(before, after))


def test_the_lockout_page_says_when_to_try_again_in_chinese(client, learner):
    for n in range(1, 5):
        sign_in(client, "learner", "wrong", f"10.0.0.{n}")
    time_passes(5)  # the first four failures were five minutes ago
    before = timezone.now()
    locked = sign_in(client, "learner", "wrong", "10.0.0.5")
    after = timezone.now()
    page = locked.content.decode()
    assert "此账号" in page
    # The lock ends when the four older failures are 15 minutes old: in ten minutes.
    ten_minutes_on = {
        timezone.localtime(t + timedelta(minutes=10)).strftime("%H:%M") for t in (before, after)
    }
    assert any(f"请在 {hhmm} 之后再试" in page for hhmm in ten_minutes_on), page


def test_locked_until_drops_the_oldest_failures_until_fewer_than_the_limit_remain():
    t0 = timezone.now()
    window = timedelta(minutes=15)
    records = [(t0 + timedelta(minutes=m), count) for m, count in [(4, 1), (0, 2), (2, 3)]]
    # 6 failures, limit 5: dropping the oldest (2 at t0) leaves 4.
    assert locked_until(records, limit=5, cool_off=window) == t0 + window
    # Limit 3: drop t0 (4 left), then t0+2 (1 left).
    assert locked_until(records, limit=3, cool_off=window) == t0 + timedelta(minutes=17)
    assert locked_until(records, limit=7, cool_off=window) is None
    assert locked_until([], limit=5, cool_off=window) is None


# --- Unlocking from the CMS --------------------------------------------------------------------

LOCKOUTS = "/cms/lockouts/"


def lock_account(client, username="learner"):
    for n in range(1, 6):
        sign_in(client, username, "wrong", f"10.0.0.{n}")


def lock_address(client, address="10.9.9.9"):
    for n in range(20):
        sign_in(client, f"guess{n:02d}", "wrong", address)


def test_an_administrator_sees_the_locked_accounts_and_addresses(
    client, administrator, learner, django_assert_max_num_queries
):
    lock_account(client)
    lock_address(client)
    LearnerFactory(username="careful")
    sign_in(client, "careful", "wrong", "10.0.0.1")  # one failure: not locked
    client.force_login(administrator)
    with django_assert_max_num_queries(20):
        page = client.get(LOCKOUTS)
    assert page.status_code == 200
    accounts = [row.value for row in page.context["accounts"]]
    addresses = [row.value for row in page.context["addresses"]]
    assert accounts == ["learner"]
    assert addresses == ["10.9.9.9"]
    html = page.content.decode()
    assert "learner" in html and "10.9.9.9" in html
    assert "careful" not in html


def test_the_lockout_list_takes_the_same_queries_for_more_lockouts(
    client, administrator, learner, django_assert_max_num_queries
):
    lock_account(client, "a1")
    lock_address(client, "10.8.8.1")
    client.force_login(administrator)
    with CaptureQueriesContext(connection) as one_of_each:
        client.get(LOCKOUTS)
    baseline = len(one_of_each.captured_queries)  # now: the next request clears the log
    client.logout()
    for name in ("a2", "a3"):
        lock_account(client, name)
    lock_address(client, "10.8.8.2")
    client.force_login(administrator)
    with django_assert_max_num_queries(baseline):
        page = client.get(LOCKOUTS)
    assert len(page.context["accounts"]) == 3
    assert len(page.context["addresses"]) == 2


def test_an_administrator_unlocks_an_account_and_the_user_signs_in(client, administrator, learner):
    lock_account(client)
    assert sign_in(client, "learner", PASSWORD, "10.0.0.8").status_code == 429
    client.force_login(administrator)
    response = client.post(
        reverse("lms_lockout_unlock"), {"kind": "account", "value": "learner"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["accounts"] == []
    assert ModelLogEntry.objects.filter(
        action="lms.unlock_sign_in", object_id=str(learner.pk), user=administrator
    ).exists()
    assert "登录已解锁" in client.get("/cms/reports/site-history/").content.decode()
    client.logout()
    assert sign_in(client, "learner", PASSWORD, "10.0.0.8").status_code == 302


def test_an_administrator_unlocks_an_address(client, administrator, learner):
    lock_address(client)
    client.force_login(administrator)
    response = client.post(
        reverse("lms_lockout_unlock"), {"kind": "address", "value": "10.9.9.9"}, follow=True
    )
    assert response.context["addresses"] == []
    client.logout()
    assert sign_in(client, "learner", PASSWORD, "10.9.9.9").status_code == 302


def test_a_bad_unlock_request_is_refused_with_a_message(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("lms_lockout_unlock"), {"kind": "everything", "value": ""})
    assert response.status_code == 302
    page = client.get(response.url)
    assert page.status_code == 200
    assert "无法解锁" in page.content.decode()


@pytest.mark.parametrize("role", ["trainer", "assessor"])
def test_trainers_and_assessors_cannot_see_or_unlock(client, request, role, learner):
    lock_account(client)
    client.force_login(request.getfixturevalue(role))
    # Wagtail turns a refusal into a redirect to the CMS home with a message.
    listing = client.get(LOCKOUTS)
    assert listing.status_code in (302, 403)
    assert listing.status_code == 403 or listing.url == "/cms/"
    response = client.post(reverse("lms_lockout_unlock"), {"kind": "account", "value": "learner"})
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == "/cms/"
    client.logout()
    assert sign_in(client, "learner", PASSWORD, "10.0.0.8").status_code == 429


def test_learners_are_sent_away_from_the_lockout_list(learner_client):
    response = learner_client.get(LOCKOUTS)
    assert response.status_code in (302, 403)


def test_the_cms_menu_offers_lockouts_to_administrators_only(client, administrator, trainer):
    client.force_login(administrator)
    assert LOCKOUTS in client.get("/cms/").content.decode()
    client.force_login(trainer)
    assert LOCKOUTS not in client.get("/cms/").content.decode()

"""Public verification: what it shows, what it hides, 404s, rate limit and query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from certificates import issuing
from certificates.models import Certificate
from tests.certificates.factories import (
    clear_rate_limits,  # noqa: F401  (fixture)
    issued,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(learner, program):
    return issued(learner, program)


def test_the_page_shows_the_certificate_without_login(
    client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        page = client.get(f"/verify/{certificate.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    for shown in (
        "王小明",
        certificate.serial,
        "TST-L1",
        "测试认证",
        "优秀",
        certificate.issued_on.isoformat(),
        certificate.valid_until.isoformat(),
    ):
        assert shown in html
    # Nothing more: no employee ID, email, score details or the holder's other data.
    assert "E1001" not in html
    assert "learner@example.com" not in html
    assert "100.00" not in html


def test_a_signed_in_visitor_stays_within_the_query_budget(
    assessor_client, certificate, django_assert_max_num_queries
):
    assessor_client.get(f"/verify/{certificate.code}/")  # warm the session
    with django_assert_max_num_queries(3):
        assert assessor_client.get(f"/verify/{certificate.code}/").status_code == 200


def test_the_json_has_the_same_facts_and_a_status(client, certificate):
    data = client.get(f"/verify/{certificate.code}.json").json()
    assert data == {
        "serial": certificate.serial,
        "holder_name": "王小明",
        "program": {"code": "TST-L1", "name": "测试认证"},
        "grade": {"code": "excellent", "zh": "优秀", "en": "Excellent"},
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "status": "valid",
        "revoked_on": None,
        "revocation_reason": None,
    }


def one_off(code: str) -> str:
    last = "A" if code[-1] != "A" else "B"
    return code[:-1] + last


def test_an_unknown_code_is_a_branded_404_that_leads_to_the_lookup_form(client, certificate):
    for code in (one_off(certificate.code), certificate.code[:-1], "x" * 43, certificate.serial):
        page = client.get(f"/verify/{code}/", HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 404
        assert page["Content-Type"].startswith("text/html")
        html = page.content.decode()
        assert "Service Academy" in html  # the site's header, not a bare "Not found."
        assert 'data-testid="verify-not-found"' in html
        assert "No certificate with this code" in html
        assert "revoked" in html  # a revoked code would still be found: this one never was
        assert 'href="/verify/"' in html  # the lookup by serial and name
        assert 'data-testid="language-zh-hans"' in html
        assert f'name="next" value="/verify/{code}/"' in html  # the switcher comes back here
        html = html.replace(f'value="/verify/{code}/"', "")
        assert certificate.serial not in html
        assert "王小明" not in html
        response = client.get(f"/verify/{code}.json")
        assert response.status_code == 404
        assert response.json() == {"error": "not found"}
    assert client.get("/verify/<script>/").status_code == 404


def test_the_language_switcher_turns_the_page_into_the_other_language(certificate):
    client = Client(enforce_csrf_checks=True)
    url = f"/verify/{certificate.code}/"
    page = client.get(url)
    html = page.content.decode()
    assert '<html lang="zh-hans">' in html  # Chinese first
    assert 'data-testid="language-en"' in html
    assert f'name="next" value="{url}"' in html
    token = client.cookies["csrftoken"].value
    switched = client.post(
        "/i18n/setlang/", {"language": "en", "next": url}, HTTP_X_CSRFTOKEN=token
    )
    assert switched.status_code == 302 and switched["Location"] == url
    english = client.get(url).content.decode()
    assert "Certificate verification" in english
    assert 'data-testid="language-zh-hans"' in english
    assert '<html lang="en">' in english


def banner(html: str) -> str:
    start = html.rindex("<section", 0, html.index('data-testid="status-banner"'))
    return html[start : html.index("</section>", start)]


def test_a_revoked_certificate_says_so_in_a_banner_with_the_reason_and_the_date(
    client, certificate, assessor
):
    reason = "伪造签名 / forged signature"
    issuing.certificate_revoke(certificate=certificate, reason=reason, by=assessor)
    html = client.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = banner(html)
    assert "status-revoked" in shown
    assert 'role="alert"' in shown
    assert f"Revoked on {timezone.localdate().isoformat()}" in shown
    assert reason in shown
    assert "not valid" in shown


def test_a_superseded_certificate_names_the_date_and_links_the_newer_one(client, learner, program):
    older = issued(learner, program, period="2026-Q2")
    newer = issued(learner, program, period="2026-Q3")
    html = client.get(f"/verify/{older.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = banner(html)
    assert "status-superseded" in shown
    assert f"Replaced on {newer.issued_on.isoformat()}" in shown
    assert f'href="/verify/{newer.code}/"' in shown
    # The JSON keeps its shape (a contract with the verifiers' scripts).
    data = client.get(f"/verify/{older.code}.json").json()
    assert set(data) == {
        "serial", "holder_name", "program", "grade", "issued_on", "valid_until", "status",
        "revoked_on", "revocation_reason",
    }  # fmt: skip
    assert data["status"] == "superseded"


def test_an_expired_certificate_names_its_last_valid_day(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() - timedelta(days=3)
    )
    html = client.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = banner(html)
    assert "status-expired" in shown
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert "no longer valid" in shown
    assert f"It was valid until {day}" in shown


def test_a_valid_certificate_says_valid_until_when(client, certificate):
    html = client.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = banner(html)
    assert "status-valid" in shown
    assert f"Valid until {certificate.valid_until.isoformat()}" in shown
    assert "Excellent" in html  # the grade in the page's language
    assert "Verify another certificate" in html


def test_lookups_are_rate_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_LIMIT = 3
    for _ in range(3):
        assert client.get(f"/verify/{certificate.code}/").status_code == 200
    limited = client.get(f"/verify/{certificate.code}/")
    assert limited.status_code == 429
    assert limited["Retry-After"]
    assert "60" in limited.content.decode()  # "try again in 60 seconds"
    assert client.get(f"/verify/{certificate.code}.json").status_code == 429
    # Another address is not limited.
    other = client.get(f"/verify/{certificate.code}/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_behind_the_proxy_each_client_has_its_own_limit(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_LIMIT = 2
    settings.PROXY_COUNT = 1
    url = f"/verify/{certificate.code}/"
    proxy = {"REMOTE_ADDR": "127.0.0.1"}  # every request arrives from the proxy
    for _ in range(2):
        assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy).status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy).status_code == 429
    # Forging an address in front of the proxy's entry does not reset the count...
    forged = "1.2.3.4, 203.0.113.9"
    assert client.get(url, HTTP_X_FORWARDED_FOR=forged, **proxy).status_code == 429
    # ...and another client behind the same proxy is not limited.
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 200


def test_a_paper_copy_is_verified_by_serial_and_name(client, certificate):
    page = client.get("/verify/")
    assert page.status_code == 200
    found = client.get(
        "/verify/", {"serial": certificate.serial.lower(), "holder_name": " 王小明 "}
    )
    assert found.status_code == 302
    assert found["Location"] == f"/verify/{certificate.code}/"
    wrong_name = client.get("/verify/", {"serial": certificate.serial, "holder_name": "王大明"})
    wrong_serial = client.get("/verify/", {"serial": "TST-L1-2026-999999", "holder_name": "王小明"})
    for page in (wrong_name, wrong_serial):
        assert page.status_code == 200
        html = page.content.decode()
        assert 'data-testid="no-match"' in html
        assert certificate.code not in html
    # The form keeps what was typed.
    assert 'value="王大明"' in wrong_name.content.decode()


def test_a_revocation_shows_on_the_next_request(client, certificate, assessor):
    assert client.get(f"/verify/{certificate.code}.json").json()["status"] == "valid"
    issuing.certificate_revoke(certificate=certificate, reason="<i>伪造</i> 签名", by=assessor)
    data = client.get(f"/verify/{certificate.code}.json").json()
    assert data["status"] == "revoked" and data["revocation_reason"] == "<i>伪造</i> 签名"
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "&lt;i&gt;伪造&lt;/i&gt; 签名" in html
    assert "<i>伪造</i>" not in html

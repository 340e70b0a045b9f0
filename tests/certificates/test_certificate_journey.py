"""Browser journey: an assessor bulk-issues and watches progress, a learner downloads theirs,
an anonymous visitor verifies it, valid and then revoked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from tests.assessment.factories import put_metrics
from tests.certificates.factories import (
    CERTIFIED,
    NOT_CERTIFIED,
    clear_rate_limits,  # noqa: F401  (fixture)
)
from tests.factories import PASSWORD, LearnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, user):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state("domcontentloaded")
    return page


def test_issue_download_verify_and_revoke(live_server, browser, login, assessor, learner, program):
    put_metrics(learner, **CERTIFIED)
    put_metrics(LearnerFactory(employee_id="E2002"), **NOT_CERTIFIED)

    # The assessor bulk-issues the program period's certificates and sees the progress.
    page = login(assessor)
    page.goto(f"{live_server.url}/assessment/certificates/")
    form = page.get_by_test_id("bulk-issue-form")
    form.locator("select[name=program]").select_option("TST-L1")
    form.locator("input[name=period]").fill("2026-Q3")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("job-progress")).to_contain_text("2 / 2")
    certificate = Certificate.objects.get()

    # The learner downloads theirs.
    holder = sign_in(browser, live_server, learner)
    holder.goto(f"{live_server.url}/certificates/")
    expect(holder.get_by_test_id("my-certificates")).to_contain_text(certificate.serial)
    with holder.expect_download() as download:
        holder.get_by_test_id("download").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == certificate.read_pdf()
    share_url = holder.get_by_test_id("share-link").input_value()
    assert share_url.endswith(f"/verify/{certificate.code}/")

    # An anonymous visitor opens the verification link: valid.
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{live_server.url}/verify/{certificate.code}/")
    expect(visitor.get_by_test_id("verification-status")).to_have_text("有效")
    expect(visitor.get_by_test_id("holder-name")).to_have_text("王小明")

    # The assessor revokes it; the visitor's next request shows it revoked, with the reason.
    page.goto(f"{live_server.url}/assessment/certificates/{certificate.serial}/")
    reason = page.get_by_test_id("revoke-form").locator("textarea")
    expect(reason).to_have_attribute("required", "")  # a reason is required
    page.get_by_test_id("revoke-form").locator("textarea").fill("培训记录有误")
    page.get_by_test_id("revoke-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("certificate-status")).to_have_text("已撤销")
    visitor.reload()
    expect(visitor.get_by_test_id("verification-status")).to_have_text("已撤销")
    expect(visitor.get_by_test_id("revocation-reason")).to_have_text("培训记录有误")

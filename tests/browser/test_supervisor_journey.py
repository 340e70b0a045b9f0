"""A station manager rates a direct report on a phone (390 px), from the Manager dashboard."""

import pytest
from playwright.sync_api import expect

from assessment.models import SupervisorRating
from assessment.services.schemes import scheme_import
from assessment.services.supervisor import default_supervisor_items, supervisor_round_open
from lms import roles
from tests.assessment.test_supervisor import supervisor_scheme
from tests.factories import LearnerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_rates_a_direct_report_on_a_phone(live_server, login, page):
    program = scheme_import(data=supervisor_scheme(), activate=True).program
    manager = UserFactory(
        username="manager", display_name="马强", employee_id="E0101", role=roles.MANAGER
    )
    report = LearnerFactory(employee_id="E901", display_name="王小明", manager=manager)
    stranger = LearnerFactory(employee_id="E905", display_name="别人的下属")
    opened = supervisor_round_open(
        title="2026 年三季度主管评价",
        program=program,
        cohort_id=1,
        cohort_name="2026 春季班",
        member_ids=[report.pk, stranger.pk],
        period="2026-Q3",
        indicator="supervisor_rating",
        items=default_supervisor_items(),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    login(manager)
    expect(page).to_have_url(f"{live_server.url}/dashboard/manager/")
    page.get_by_test_id("language-en").click()
    expect(page.locator("h1")).to_have_text("My team")
    panel = page.get_by_test_id("panel-supervisor")
    expect(panel).to_contain_text("2026 年三季度主管评价")
    expect(panel).to_contain_text("0 of 1 rated")
    panel.get_by_role("link", name="Rate my direct reports").click()
    expect(page.get_by_test_id("my-supervisor-round")).to_contain_text("王小明 (E901)")
    expect(page.get_by_test_id("my-supervisor-round")).not_to_contain_text("别人的下属")
    page.get_by_role("link", name="王小明 (E901)").click()

    form = page.get_by_test_id("supervisor-rating-form")
    expect(form).to_contain_text("Attitude to work and sense of responsibility")
    for index in range(4):  # the last item forgotten
        form.locator(f"input[name=item_{index}][value='4']").check()
    form.locator("input[name=item_0][value='5']").check()
    # The browser's own check stops the form: nothing is sent, nothing is lost.
    form.get_by_role("button", name="Save my rating").click()
    expect(form.locator("input[name=item_0][value='5']")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    form.locator("input[name=item_4][value='3']").check()
    form.get_by_role("button", name="Save my rating").click()

    expect(page).to_have_url(f"{live_server.url}/supervisor/")
    expect(page.get_by_test_id("my-supervisor-round")).to_contain_text("rated")
    rating = SupervisorRating.objects.get(round=opened, employee=report)
    assert rating.scores == [5, 4, 4, 4, 3] and rating.rated_by == manager
    page.goto(f"{live_server.url}/dashboard/manager/")
    expect(page.get_by_test_id("panel-supervisor")).to_contain_text("1 report rated")

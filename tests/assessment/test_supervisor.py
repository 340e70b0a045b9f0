"""Supervisor evaluation (主管评价): a round asks each engineer's manager (``User.manager``)
to rate them; closing it writes the means as the supervisor indicator's values."""

import copy
import re
from decimal import Decimal

import pytest
from django.utils import translation

from assessment.errors import AssessmentError
from assessment.models import MetricRecord, SupervisorRating, SupervisorRound
from assessment.services.supervisor import (
    default_supervisor_items,
    supervisor_rating_submit,
    supervisor_round_close,
    supervisor_round_open,
)
from lms import roles
from tests.assessment.factories import make_program, scheme_file
from tests.factories import LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db

FIVE = {f"item_{n}": "4" for n in range(5)}

SUPERVISOR_RATING = {
    "code": "supervisor_rating",
    "name": "主管评价",
    "name_en": "Supervisor rating",
    "unit": "分",
    "source": "supervisor",
    "weight": 40,
    "worst": 1,
    "best": 5,
    "min_value": 1,
    "max_value": 5,
    "suggestion": "与主管定期沟通工作目标。",
}
WORK_PLAN = {
    "code": "work_plan_completion",
    "name": "工作计划完成率",
    "unit": "%",
    "source": "supervisor",
    "weight": 100,
    "worst": 60,
    "best": 100,
    "min_value": 0,
    "max_value": 100,
    "suggestion": "每周制定工作计划。",
}


def supervisor_scheme() -> dict:
    data = copy.deepcopy(scheme_file())
    teamwork = data["dimensions"][1]
    teamwork["indicators"][0]["weight"] = 60
    teamwork["indicators"].append(SUPERVISOR_RATING)
    data["dimensions"][0]["weight"] = 40
    data["dimensions"].append(
        {"code": "work_efficiency", "name": "工作效率", "weight": 10, "indicators": [WORK_PLAN]}
    )
    return data


@pytest.fixture
def supervised_program(db):
    return make_program(data=supervisor_scheme())[0]


def manager_factory(username, name, employee_id):
    return UserFactory(
        username=username, display_name=name, employee_id=employee_id, role=roles.MANAGER
    )


@pytest.fixture
def manager(db):
    return manager_factory("manager", "马强", "E0101")


@pytest.fixture
def other_manager(db):
    return manager_factory("manager2", "林芳", "E0102")


@pytest.fixture
def reports(manager):
    return [
        LearnerFactory(employee_id=f"E90{n}", display_name=f"下属{n}", manager=manager)
        for n in (1, 2)
    ]


@pytest.fixture
def others_report(other_manager):
    return LearnerFactory(employee_id="E905", display_name="别人的下属", manager=other_manager)


@pytest.fixture
def unmanaged(db):
    return LearnerFactory(employee_id="E909", display_name="无主管")


@pytest.fixture
def supervisor_round(supervised_program, reports, others_report, unmanaged, assessor):
    return supervisor_round_open(
        title="2026 年三季度主管评价",
        program=supervised_program,
        cohort_id=3,
        cohort_name="2026 春季班",
        member_ids=[u.pk for u in [*reports, others_report, unmanaged]],
        period="2026-Q3",
        indicator="supervisor_rating",
        items=default_supervisor_items(),
        by=assessor,
    )


def rating_of(supervisor_round, user):
    return SupervisorRating.objects.get(round=supervisor_round, employee=user)


def test_a_round_asks_for_one_rating_per_engineer(supervisor_round, reports, unmanaged):
    assert supervisor_round.is_open
    assert set(supervisor_round.ratings.values_list("employee__employee_id", flat=True)) == {
        "E901",
        "E902",
        "E905",
        "E909",
    }
    assert not supervisor_round.ratings.filter(submitted_at__isnull=False).exists()
    assert [i["text"] for i in supervisor_round.items][:2] == ["工作态度与责任心", "专业技能的运用"]
    assert supervisor_round.items[0]["text_en"] == "Attitude to work and sense of responsibility"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"indicator": "peer_teamwork_rating"}, "source is the supervisor"),
        ({"indicator": "work_plan_completion"}, "not on a 1–5 rating"),
        ({"indicator": "nope"}, "active scheme"),
        ({"period": "2026-Q5"}, "period like"),
        ({"items": []}, "between one and ten"),
        ({"items": [{"text": "", "text_en": "Only English"}]}, "Chinese text"),
        ({"member_ids": []}, "no engineers"),
    ],
)
def test_opening_refuses_bad_input(supervised_program, reports, change, message):
    arguments = {
        "title": "t",
        "program": supervised_program,
        "cohort_id": 1,
        "cohort_name": "c",
        "member_ids": [u.pk for u in reports],
        "period": "2026-Q3",
        "indicator": "supervisor_rating",
        "items": default_supervisor_items(),
        **change,
    }
    with translation.override("en"), pytest.raises(AssessmentError, match=message):
        supervisor_round_open(**arguments)
    assert not SupervisorRound.objects.exists()


def test_a_manager_rates_a_direct_report(client, manager, reports, others_report, supervisor_round):
    client.force_login(manager)
    client.cookies["lms_language"] = "en"
    listing = client.get("/supervisor/").content.decode()
    assert "下属1" in listing and "下属2" in listing
    assert "别人的下属" not in listing and "无主管" not in listing
    rating = rating_of(supervisor_round, reports[0])
    url = f"/supervisor/{rating.pk}/"
    page = client.get(url).content.decode()
    assert "Attitude to work and sense of responsibility" in page and "下属1" in page

    # A missing item and a score out of range: refused, and what was chosen is kept.
    response = client.post(url, {**FIVE, "item_1": "9", "item_4": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="4" class="rating" required id="id_item_0_3" checked' in html
    rating.refresh_from_db()
    assert rating.submitted_at is None and rating.scores == []

    response = client.post(url, {**FIVE, "item_0": "5", "item_2": "3"})
    assert response.status_code == 302 and response.url == "/supervisor/"
    rating.refresh_from_db()
    assert rating.scores == [5, 4, 3, 4, 4] and rating.rated_by == manager and rating.submitted_at
    # The manager may change it while the round is open; the form shows the saved scores.
    assert (
        'value="5" class="rating" required id="id_item_0_4" checked'
        in client.get(url).content.decode()
    )


def test_only_the_engineers_own_manager_opens_the_rating(
    client, manager, other_manager, reports, others_report, unmanaged, supervisor_round
):
    theirs = rating_of(supervisor_round, others_report)
    nobodys = rating_of(supervisor_round, unmanaged)
    client.force_login(manager)
    for rating in (theirs, nobodys):
        assert client.get(f"/supervisor/{rating.pk}/").status_code == 404
        assert client.post(f"/supervisor/{rating.pk}/", FIVE).status_code == 404
    # A learner who manages nobody, and the rated engineer themself.
    for user in (LearnerFactory(employee_id="E999"), reports[0]):
        client.force_login(user)
        mine = rating_of(supervisor_round, reports[0])
        assert client.get(f"/supervisor/{mine.pk}/").status_code == 404
        assert client.post(f"/supervisor/{mine.pk}/", FIVE).status_code == 404
        assert (
            'data-testid="my-supervisor-round"' not in client.get("/supervisor/").content.decode()
        )
    assert not SupervisorRating.objects.filter(submitted_at__isnull=False).exists()


def test_the_service_refuses_bad_scores_and_the_wrong_manager(
    manager, other_manager, reports, supervisor_round
):
    rating = rating_of(supervisor_round, reports[0])
    for scores in ([0, 4, 4, 4, 4], [6, 4, 4, 4, 4], [4, 4, 4, 4], [True, 4, 4, 4, 4]):
        with pytest.raises(AssessmentError):
            supervisor_rating_submit(rating=rating, manager=manager, scores=scores)
    with pytest.raises(AssessmentError):
        supervisor_rating_submit(rating=rating, manager=other_manager, scores=[4] * 5)
    rating.refresh_from_db()
    assert rating.submitted_at is None


def test_a_closed_round_is_read_only(client, manager, reports, supervisor_round):
    rating = rating_of(supervisor_round, reports[0])
    supervisor_rating_submit(rating=rating, manager=manager, scores=[5, 5, 4, 4, 4])
    supervisor_round_close(supervisor_round=supervisor_round)
    client.force_login(manager)
    client.cookies["lms_language"] = "en"
    page = client.get(f"/supervisor/{rating.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="round-closed"' in html
    assert "Save my rating" not in html
    assert "Rated by 马强; mean 4.40." in re.sub(r"<[^>]+>", "", html)
    given = html.split('data-testid="scores-given"')[1].split("</table>")[0]
    assert "Attitude to work and sense of responsibility" in given
    assert [cell.split("<")[0] for cell in given.split('<td class="num">')[1:]] == [
        "5",
        "5",
        "4",
        "4",
        "4",
    ]
    response = client.post(f"/supervisor/{rating.pk}/", {f"item_{n}": "1" for n in range(5)})
    assert response.status_code == 400 and "closed" in response.content.decode()
    rating.refresh_from_db()
    assert rating.scores == [5, 5, 4, 4, 4]
    rating.round.refresh_from_db()
    with pytest.raises(AssessmentError):
        supervisor_rating_submit(rating=rating, manager=manager, scores=[1] * 5)
    # A report nobody rated before the round closed reads so.
    unrated = rating_of(supervisor_round, reports[1])
    assert "Not rated in this round." in client.get(f"/supervisor/{unrated.pk}/").content.decode()
    with pytest.raises(AssessmentError):
        supervisor_round_close(supervisor_round=supervisor_round)


def test_closing_writes_the_means_and_the_scorecard_names_round_and_rater(
    client, assessor_client, manager, reports, others_report, unmanaged, supervisor_round
):
    supervisor_rating_submit(
        rating=rating_of(supervisor_round, reports[0]), manager=manager, scores=[5, 4, 4, 4, 3]
    )
    supervisor_rating_submit(
        rating=rating_of(supervisor_round, reports[1]), manager=manager, scores=[3, 3, 4, 3, 3]
    )
    assessor_client.cookies["lms_language"] = "en"
    page = assessor_client.get(f"/assessment/supervisor/{supervisor_round.pk}/").content.decode()
    managers = page.split('data-testid="supervisor-managers"')[1].split("</table>")[0]
    assert "马强 (E0101)" in managers and "2 / 2" in managers
    assert "林芳 (E0102)" in managers and "0 / 1" in managers and "No manager" in managers

    response = assessor_client.post(f"/assessment/supervisor/{supervisor_round.pk}/close/")
    assert response.status_code == 302
    supervisor_round.refresh_from_db()
    assert supervisor_round.status == SupervisorRound.Status.CLOSED
    values = dict(
        MetricRecord.objects.filter(indicator="supervisor_rating", period="2026-Q3").values_list(
            "employee__employee_id", "value"
        )
    )
    assert values == {"E901": Decimal("4.0000"), "E902": Decimal("3.2000")}
    record = MetricRecord.objects.get(employee=reports[0])
    assert record.source == "supervisor"
    assert record.note == "Rated by 马强 in the supervisor evaluation “2026 年三季度主管评价”"
    warnings = [str(m) for m in response.wsgi_request._messages]
    assert any("别人的下属" in m and "无主管" in m for m in warnings)

    # The engineer's scorecard shows where the value came from and who rated.
    client.force_login(reports[0])
    client.cookies["lms_language"] = "en"
    card = client.get("/scorecards/TST-L1/2026-Q3/E901/").content.decode()
    row = card.split('data-testid="indicator-supervisor_rating"')[1].split("</tr>")[0]
    assert "Supervisor" in row and "4" in row
    assert "Rated by 马强" in row and "2026 年三季度主管评价" in row


def test_rating_in_the_browser_language_and_the_round_list(assessor_client, supervisor_round):
    assessor_client.cookies["lms_language"] = "en"
    html = assessor_client.get("/assessment/supervisor/").content.decode()
    assert "2026 年三季度主管评价" in html and "0 / 4" in html
    assert (
        assessor_client.get("/dashboard/assessor/")
        .content.decode()
        .count("/assessment/supervisor/")
    )


def test_learners_and_managers_cannot_manage_rounds(client, manager, supervisor_round):
    for user in (manager, LearnerFactory(employee_id="E998")):
        client.force_login(user)
        assert client.get("/assessment/supervisor/").status_code == 404
        assert client.get(f"/assessment/supervisor/{supervisor_round.pk}/").status_code == 404
        assert (
            client.post(f"/assessment/supervisor/{supervisor_round.pk}/close/").status_code == 404
        )
    supervisor_round.refresh_from_db()
    assert supervisor_round.is_open


def test_an_assessor_opens_a_round_for_a_cohort_with_bilingual_items(
    assessor_client, supervised_program, reports
):
    from tests.courses.factories import make_cohort, make_course

    outsider = LearnerFactory(employee_id="E899")
    cohort = make_cohort(course=make_course(), learners=reports, name="2026年7月入职班")
    assessor_client.cookies["lms_language"] = "en"
    form_page = assessor_client.get("/assessment/supervisor/new/").content.decode()
    assert "TST-L1:supervisor_rating" in form_page
    assert "TST-L1:peer_teamwork_rating" not in form_page  # not the supervisor's
    assert "TST-L1:work_plan_completion" not in form_page  # a percentage, not a 1–5 rating
    assert "Carrying out the work plan" in form_page and "工作计划的执行" in form_page
    data = {
        "title": "三季度主管评价",
        "indicator": "TST-L1:supervisor_rating",
        "cohort": cohort.pk,
        "period": "2026-Q3",
        "items": "服务规范\n团队协作",
        "items_en": "Service procedures\nTeamwork\nOne too many",
    }
    refused = assessor_client.post("/assessment/supervisor/new/", data)
    assert refused.status_code == 400 and not SupervisorRound.objects.exists()
    assert "more English lines" in refused.content.decode()
    assert "三季度主管评价" in refused.content.decode()  # what was typed is kept

    response = assessor_client.post(
        "/assessment/supervisor/new/", {**data, "items_en": "Service procedures"}
    )
    (opened,) = SupervisorRound.objects.all()
    assert response.url == f"/assessment/supervisor/{opened.pk}/"
    assert opened.items == [
        {"text": "服务规范", "text_en": "Service procedures"},
        {"text": "团队协作", "text_en": ""},
    ]
    rated = set(opened.ratings.values_list("employee__employee_id", flat=True))
    assert rated == {"E901", "E902"} and outsider.employee_id not in rated


def test_the_manager_dashboard_lists_open_rounds(client, manager, reports, supervisor_round):
    supervisor_rating_submit(
        rating=rating_of(supervisor_round, reports[0]), manager=manager, scores=[4] * 5
    )
    client.force_login(manager)
    client.cookies["lms_language"] = "en"
    assert client.get("/").url == "/dashboard/manager/"
    panel = client.get("/dashboard/manager/").content.decode()
    panel = panel.split('data-testid="panel-supervisor"')[1].split("</section>")[0]
    assert "2026 年三季度主管评价" in panel and "1 of 2 rated" in panel
    supervisor_round_close(supervisor_round=supervisor_round)
    panel = client.get("/dashboard/manager/").content.decode()
    assert "No open supervisor evaluation" in panel


# --- Query budgets ---------------------------------------------------------------------------


def _round_with(program, assessor, size):
    managers = [manager_factory(f"m{size}-{n}", f"主管{n}", f"M{size}{n:02d}") for n in range(size)]
    engineers = [
        LearnerFactory(employee_id=f"Q{size}{n:03d}", manager=managers[n % size])
        for n in range(size * 3)
    ]
    opened = supervisor_round_open(
        title=f"轮次{size}",
        program=program,
        cohort_id=1,
        cohort_name="c",
        member_ids=[e.pk for e in engineers],
        period="2026-Q3",
        indicator="supervisor_rating",
        items=default_supervisor_items(),
        by=assessor,
    )
    for rating in opened.ratings.select_related("employee__manager")[: size * 2]:
        supervisor_rating_submit(rating=rating, manager=rating.employee.manager, scores=[4] * 5)
    return opened, managers


@pytest.mark.parametrize("size", [2, 12])
def test_the_progress_page_reads_a_fixed_number_of_queries(
    assessor_client, assessor, supervised_program, size, django_assert_max_num_queries
):
    opened, _managers = _round_with(supervised_program, assessor, size)
    with django_assert_max_num_queries(8):  # 7, and the header's unread notifications
        page = assessor_client.get(f"/assessment/supervisor/{opened.pk}/")
    assert page.status_code == 200
    assert page.content.decode().count('<span class="badge badge-ok">') >= size * 2
    with django_assert_max_num_queries(8):  # 7, and the header's unread notifications
        assert assessor_client.get("/assessment/supervisor/").status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_the_managers_pages_read_a_fixed_number_of_queries(
    client, assessor, supervised_program, size, django_assert_max_num_queries
):
    manager = manager_factory("boss", "主管", "B0001")
    engineers = [LearnerFactory(employee_id=f"R{n:03d}", manager=manager) for n in range(size * 2)]
    for number in range(2):
        supervisor_round_open(
            title=f"轮次{number}",
            program=supervised_program,
            cohort_id=1,
            cohort_name="c",
            member_ids=[e.pk for e in engineers],
            period="2026-Q3",
            indicator="supervisor_rating",
            items=default_supervisor_items(),
        )
    client.force_login(manager)
    with django_assert_max_num_queries(7):  # 6, and the header's unread notifications
        listing = client.get("/supervisor/")
    assert listing.content.decode().count("/supervisor/") >= size * 4
    with django_assert_max_num_queries(9):  # 7 today; other apps' panels share the page
        assert client.get("/dashboard/manager/").status_code == 200

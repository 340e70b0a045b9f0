"""A case mark appealed and re-marked blind by a different grader: the report's final result
becomes the new mark, the scorecard gets a new revision, and the re-marker's page shows the
report and the rubric but not the first mark, grader or comments, and the ordinary grading
screen hides that mark from the re-marker until the appeal is resolved."""

from decimal import Decimal as D

import pytest
from django.test import Client
from django.utils import translation

from appeals import services, targets
from assessment.models import Scorecard
from assessment.services.scorecards import scorecard_finalise
from cases import services as case_services
from cases.models import CaseSubmission
from tests.assessment.factories import make_program, put_metrics, scheme_file
from tests.cases.factories import PracticeCaseFactory, levels_at, mark_entry, submitted_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FIRST_FEEDBACK = "第一次的总体反馈：根因分析不足"


@pytest.fixture
def case(db):
    return PracticeCaseFactory(slug="case-alarm", title="报警停机")


@pytest.fixture
def program(case):
    data = scheme_file(
        components={"exam": 0, "practice": 50, "on_the_job": 50}, practice_cases=["case-alarm"]
    )
    return make_program(data=data)[0]


@pytest.fixture
def report(case, program, learner, trainer):
    """Graded 50 % by ``trainer`` (level ½ everywhere): practice 50, job 75, total 62.5."""
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4)
    submission = submitted_report(case, learner)
    case_services.mark_submit(
        submission=submission, grader=trainer, entry=mark_entry(case.rubric, 1, FIRST_FEEDBACK)
    )
    submission.refresh_from_db()
    assert (submission.status, submission.final_percent) == ("finalised", D("50.00"))
    card, _ = scorecard_finalise(program=program, period="2026-Q3", user_id=learner.pk, by=None)
    assert card.total == D("62.50")
    return submission


def test_a_case_mark_is_re_marked_blind_by_another_grader(
    report, case, learner, trainer, assessor, second_trainer
):
    own = Client()
    own.force_login(learner)
    version = own.get("/cases/case-alarm/versions/1/").content.decode()
    assert f'href="/appeals/new/case/{report.pk}/"' in version
    appeal = services.appeal_file(
        learner=learner, target=targets.case_target(report.pk), reason="根因写清楚了"
    )
    # (the page above activated the page's language: the refusal is read in English)
    with (
        translation.override("en"),
        pytest.raises(services.AppealRefused, match="different grader"),
    ):
        services.appeal_assign(appeal=appeal, remarker=trainer, by=assessor)
    services.appeal_assign(appeal=appeal, remarker=second_trainer, by=assessor)
    client = Client()
    client.force_login(second_trainer)
    client.cookies["lms_language"] = "en"
    page = client.get(f"/appeals/remark/{appeal.pk}/").content.decode()
    assert "编码器反馈参数未修改。" in page  # the report's root cause
    for hidden in (FIRST_FEEDBACK, trainer.get_full_name(), "根因写清楚了", "50.00"):
        assert hidden not in page
    data = {f"level_{criterion}": level for criterion, level in levels_at(case.rubric, 3).items()}
    response = client.post(f"/appeals/remark/{appeal.pk}/", {**data, "explanation": "全部满足"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.final_percent, report.passed, report.final_method) == (
        D("100.00"),
        True,
        "moderated",
    )
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.result_before, appeal.result_after) == (
        "remarked",
        "50.00",
        "100.00",
    )
    revision = Scorecard.objects.get(employee=learner, revision=2)
    assert revision.total == D("87.50")
    assert CaseSubmission.objects.get(pk=report.pk).marks.count() == 2


def test_the_grading_screen_hides_the_first_mark_from_the_re_marker_only(
    report, learner, trainer, assessor, second_trainer
):
    from tests.factories import TrainerFactory

    appeal = services.appeal_file(
        learner=learner, target=targets.case_target(report.pk), reason="根因写清楚了"
    )
    services.appeal_assign(appeal=appeal, remarker=second_trainer, by=assessor)
    clients = {}
    for user in (second_trainer, TrainerFactory(username="trainer3")):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
        clients[user.username].cookies["lms_language"] = "en"
    url = f"/grading/cases/{report.pk}/"
    first_mark = ("50.00 · not passed", FIRST_FEEDBACK, trainer.get_full_name())
    seen = clients["trainer3"].get(url).content.decode()
    blind = clients["trainer2"].get(url).content.decode()
    assert all(mark in seen for mark in first_mark)
    assert not any(mark in blind for mark in first_mark)
    assert "hidden: you are re-marking this on appeal" in blind
    assert f'href="/appeals/remark/{appeal.pk}/"' in blind
    response = clients["trainer2"].post(url, {"action": "save"})
    assert response.url == f"/appeals/remark/{appeal.pk}/"
    services.appeal_uphold(appeal=appeal, explanation="评分无误", by=assessor)
    page = clients["trainer2"].get(url).content.decode()
    assert all(mark in page for mark in first_mark)

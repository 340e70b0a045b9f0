"""The appeal pages: the link on result pages, the learner's form and list, the assessors'
queue, the blind re-marking page and the report; bad input is refused with a message, another
person's result or appeal is a 404, and lists keep their query counts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from appeals import services, targets
from appeals.models import Appeal
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

REASON = "第二题我写了完整的排查步骤。"


def client_for(user, language="en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["lms_language"] = language
    return client


def new_url(attempt) -> str:
    return f"/appeals/new/essay/{attempt.pk}/"


def filed(attempt, learner, reason=REASON):
    return services.appeal_file(
        learner=learner, target=targets.essay_target(attempt.pk), reason=reason
    )


def test_the_result_page_offers_an_appeal_while_the_window_is_open(attempt, learner):
    client = client_for(learner)
    page = client.get(f"/attempts/{attempt.pk}/result/").content.decode()
    assert f'href="{new_url(attempt)}"' in page
    attempt.graded_at = timezone.now() - timedelta(days=16)
    attempt.save(update_fields=["graded_at"])
    page = client.get(f"/attempts/{attempt.pk}/result/").content.decode()
    assert 'data-testid="appeal-link"' not in page


def test_the_scorecard_revision_offers_an_appeal_of_it_or_a_metric(scorecard, learner):
    client = client_for(learner)
    page = client.get("/scorecards/TST-L1/2026-Q3/E1001/r1/").content.decode()
    assert f'href="/appeals/new/scorecard/{scorecard.pk}/"' in page
    form = client.get(f"/appeals/new/scorecard/{scorecard.pk}/").content.decode()
    assert "The whole scorecard" in form and "first_time_fix_rate" not in form


def test_a_learner_files_and_follows_an_appeal(attempt, learner):
    client = client_for(learner)
    response = client.post(new_url(attempt), {"reason": REASON})
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response.url == f"/appeals/{appeal.pk}/"
    page = client.get(response.url).content.decode()
    assert "Waiting for an assessor" in page and REASON in page
    listing = client.get("/appeals/").content.decode()
    assert appeal.reference in listing
    result = client.get(f"/attempts/{attempt.pk}/result/").content.decode()
    assert f"Your appeal {appeal.reference}" in result


@pytest.mark.parametrize("case", ["empty reason", "twice", "after the window"])
def test_bad_input_is_refused_with_a_message(attempt, learner, case):
    client = client_for(learner)
    if case == "twice":
        filed(attempt, learner)
    if case == "after the window":
        attempt.graded_at = timezone.now() - timedelta(days=16)
        attempt.save(update_fields=["graded_at"])
    count = Appeal.objects.count()
    response = client.post(new_url(attempt), {"reason": "" if case == "empty reason" else REASON})
    assert response.status_code == 400
    message = {
        "empty reason": "Say why you appeal this result.",
        "twice": "You have already appealed this result",
        "after the window": "The appeal window for this result closed on",
    }[case]
    assert message in response.content.decode()
    assert Appeal.objects.count() == count


def test_someone_elses_result_or_appeal_is_a_404(attempt, learner):
    appeal = filed(attempt, learner)
    other = client_for(LearnerFactory(username="other"))
    assert other.get(new_url(attempt)).status_code == 404
    assert other.post(new_url(attempt), {"reason": REASON}).status_code == 404
    assert other.get(f"/appeals/{appeal.pk}/").status_code == 404
    assert other.get("/appeals/queue/").status_code == 404
    assert other.get(f"/appeals/remark/{appeal.pk}/").status_code == 404
    assert Appeal.objects.count() == 1


def test_the_queue_marks_overdue_appeals_and_filters(attempt, learner, assessor):
    appeal = filed(attempt, learner)
    Appeal.objects.filter(pk=appeal.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    client = client_for(assessor)
    page = client.get("/appeals/queue/?overdue=1").content.decode()
    assert appeal.reference in page and "overdue" in page
    assert appeal.reference not in client.get("/appeals/queue/?program=NONE").content.decode()
    assert appeal.reference not in client.get("/appeals/queue/?status=resolved").content.decode()


def test_the_assessor_cannot_give_the_re_marking_to_the_first_grader(
    attempt, learner, assessor, trainer, second_trainer
):
    appeal = filed(attempt, learner)
    client = client_for(assessor)
    page = client.get(f"/appeals/queue/{appeal.pk}/").content.decode()
    # The first grader is not offered; a forged post naming them is refused.
    assert f'value="{trainer.pk}"' not in page and f'value="{second_trainer.pk}"' in page
    response = client.post(
        f"/appeals/queue/{appeal.pk}/", {"action": "assign", "remarker": trainer.pk}
    )
    assert response.status_code == 400
    appeal.refresh_from_db()
    assert appeal.remarker is None
    response = client.post(
        f"/appeals/queue/{appeal.pk}/", {"action": "assign", "remarker": second_trainer.pk}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.status, appeal.remarker) == ("assigned", second_trainer)
    # Reassigning starts from the re-marker it has.
    page = client.get(f"/appeals/queue/{appeal.pk}/").content.decode()
    assert f'value="{second_trainer.pk}" selected' in page


def test_an_explanation_is_required_to_uphold(attempt, learner, assessor):
    appeal = filed(attempt, learner)
    client = client_for(assessor)
    response = client.post(f"/appeals/queue/{appeal.pk}/", {"action": "uphold", "explanation": ""})
    assert response.status_code == 400
    assert "Explain to the learner why the result stands." in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "filed"


def test_the_re_marker_marks_blind(attempt, learner, assessor, trainer, second_trainer):
    from tests.appeals.conftest import FIRST_FEEDBACK

    appeal = filed(attempt, learner)
    services.appeal_assign(appeal=appeal, remarker=second_trainer, by=assessor)
    client = client_for(second_trainer)
    page = client.get(f"/appeals/remark/{appeal.pk}/").content.decode()
    assert "先查报警记录，再查线路。" in page  # the learner's answer
    for hidden in (FIRST_FEEDBACK, trainer.get_full_name(), REASON, "60.00"):
        assert hidden not in page
    essay = attempt.questions.get(kind="essay")
    response = client.post(
        f"/appeals/remark/{appeal.pk}/",
        {f"points_{essay.pk}": "5", f"feedback_{essay.pk}": "", "explanation": "满分"},
    )
    assert response.status_code == 400 and "4" in response.content.decode()
    response = client.post(
        f"/appeals/remark/{appeal.pk}/",
        {f"points_{essay.pk}": "4", f"feedback_{essay.pk}": "步骤完整", "explanation": "满分"},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.result_after) == ("remarked", "100.00")
    assert client.get(f"/appeals/remark/{appeal.pk}/").status_code == 404


def test_the_report_counts_outcomes_and_time_to_resolution(attempt, learner, assessor):
    appeal = filed(attempt, learner)
    appeal = services.appeal_uphold(appeal=appeal, explanation="评分无误", by=assessor)
    Appeal.objects.filter(pk=appeal.pk).update(
        filed_at=appeal.resolved_at - timedelta(days=3, hours=12)
    )
    client = client_for(assessor)
    page = client.get("/appeals/report/").content.decode()
    assert "TST-L1" in page and "3.5" in page
    # Resolved within the hour: 0.0 days, not "none resolved".
    Appeal.objects.filter(pk=appeal.pk).update(filed_at=appeal.resolved_at - timedelta(hours=1))
    page = client.get("/appeals/report/").content.decode()
    row = page[page.index("TST-L1") : page.index("</tr>", page.index("TST-L1"))]
    assert ">0.0</td>" in row and "—" not in row
    year = timezone.localdate().year
    assert "TST-L1" not in client.get(f"/appeals/report/?period={year - 5}").content.decode()
    assert client.get("/appeals/report/?period=2026-Q9").status_code == 400


def test_list_pages_keep_their_query_counts(
    attempt, learner, assessor, django_assert_max_num_queries
):
    filed(attempt, learner)
    learner_client, assessor_client = client_for(learner), client_for(assessor)
    with django_assert_max_num_queries(12):
        learner_client.get("/appeals/")
    with django_assert_max_num_queries(14):
        assessor_client.get("/appeals/queue/")
    with django_assert_max_num_queries(12):
        assessor_client.get("/appeals/report/")
    program = attempt and Appeal.objects.get().program
    for number in range(6):
        Appeal.objects.create(
            learner=learner,
            program=program,
            kind="metric",
            item=f"metric:{1000 + number}",
            title="一次修复率",
            released_at=timezone.now(),
            reason="x",
            due_on=timezone.localdate(),
        )
    with django_assert_max_num_queries(12):
        learner_client.get("/appeals/")
    with django_assert_max_num_queries(14):
        assessor_client.get("/appeals/queue/")
    with django_assert_max_num_queries(12):
        assessor_client.get("/appeals/report/")


def test_an_action_that_does_not_apply_changes_nothing(attempt, learner, assessor):
    appeal = filed(attempt, learner)
    client = client_for(assessor)
    response = client.post(
        f"/appeals/queue/{appeal.pk}/",
        {"action": "correct", "record": "1", "value": "1", "source": "x", "explanation": "x"},
        follow=True,
    )
    assert "This action does not apply to this appeal." in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "filed"
    assert client.get("/appeals/new/nothing/1/").status_code == 404
    assert client.get(f"/appeals/queue/{appeal.pk + 100}/").status_code == 404

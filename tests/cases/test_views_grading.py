from decimal import Decimal

import pytest
from django.test import Client

from cases import services
from cases.models import (
    CaseMark,
    CaseMarkScore,
    CaseSubmission,
    FinalMethod,
    MarkKind,
    MarkStatus,
    SubmissionStatus,
)
from tests.cases.factories import complete_report, levels_at, mark_entry, submitted_report
from tests.factories import LearnerFactory, TrainerFactory

pytestmark = pytest.mark.django_db


def grading_post(rubric, rank, action, feedback="总体反馈"):
    data = {"action": action, "feedback": feedback}
    for criterion_id, level_id in levels_at(rubric, rank).items():
        data[f"level_{criterion_id}"] = str(level_id)
        data[f"comment_{criterion_id}"] = f"评语 {criterion_id}"
    return data


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- The queue ------------------------------------------------------------------------------


def test_queue_lists_submitted_reports_but_not_drafts_or_own(single_case, learner, trainer):
    submitted_report(single_case, learner)
    draft_author = LearnerFactory(display_name="草稿作者")
    services.report_open_draft(case=single_case, learner=draft_author)
    trainer.groups.add(*learner.groups.all())  # the trainer is also a learner here
    submitted_report(single_case, trainer)
    page = logged_in(trainer).get("/grading/cases/").content.decode()
    assert "王小明" in page
    assert "草稿作者" not in page
    assert page.count("/grading/cases/") >= 2
    assert f"/grading/cases/{CaseSubmission.objects.get(learner=trainer).pk}/" not in page


def test_blind_marking_hides_the_learner_in_queue_and_screen(double_case, learner, trainer):
    submission = submitted_report(double_case, learner)
    client = logged_in(trainer)
    for page in [
        client.get("/grading/cases/").content.decode(),
        client.get(f"/grading/cases/{submission.pk}/").content.decode(),
    ]:
        assert "王小明" not in page and "E1001" not in page
        assert submission.reference in page


def test_only_graders_open_the_grading_pages(learner_client, single_case, learner, assessor):
    submission = submitted_report(single_case, learner)
    assert learner_client.get("/grading/cases/").status_code == 404
    assert learner_client.get(f"/grading/cases/{submission.pk}/").status_code == 404
    assert logged_in(assessor).get("/grading/cases/").status_code == 404


def test_a_trainer_cannot_grade_their_own_report(single_case, trainer, learner):
    trainer.groups.add(*learner.groups.all())
    own = submitted_report(single_case, trainer)
    client = logged_in(trainer)
    assert client.get(f"/grading/cases/{own.pk}/").status_code == 404
    response = client.post(
        f"/grading/cases/{own.pk}/", grading_post(single_case.rubric, 3, "finalise")
    )
    assert response.status_code == 404
    with pytest.raises(services.CaseActionRefused, match="不能评阅自己的报告"):
        services.mark_submit(
            submission=own, grader=trainer, entry=mark_entry(single_case.rubric, 3)
        )
    assert not CaseMark.objects.exists()


# --- Single marking ---------------------------------------------------------------------------


def test_grading_screen_shows_the_report_beside_the_rubric(single_case, learner, trainer):
    submission = submitted_report(single_case, learner)
    page = logged_in(trainer).get(f"/grading/cases/{submission.pk}/").content.decode()
    assert 'data-testid="report"' in page and 'data-testid="grading-form"' in page
    assert "编码器参数不匹配" in page and "<svg" in page
    assert page.count('class="level-cell"') == 6 * 4
    assert "王小明" in page  # not blind


def test_single_marker_finalises(single_case, learner, trainer):
    submission = submitted_report(single_case, learner)
    response = logged_in(trainer).post(
        f"/grading/cases/{submission.pk}/", grading_post(single_case.rubric, 2, "finalise")
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.FINALISED
    assert submission.final_percent == Decimal("75.00")  # every criterion at ¾ of its points
    assert submission.passed is True
    assert submission.final_method == FinalMethod.SINGLE
    mark = CaseMark.objects.get()
    assert (mark.grader, mark.status, mark.decision) == (trainer, MarkStatus.SUBMITTED, "finalise")
    assert CaseMarkScore.objects.filter(mark=mark, comment__startswith="评语").count() == 6


def test_single_marker_returns_for_revision(single_case, learner, trainer):
    submission = submitted_report(single_case, learner)
    logged_in(trainer).post(
        f"/grading/cases/{submission.pk}/", grading_post(single_case.rubric, 1, "return")
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    assert submission.final_percent is None


def test_an_incomplete_mark_is_refused_but_kept_as_a_draft(single_case, learner, trainer):
    submission = submitted_report(single_case, learner)
    data = grading_post(single_case.rubric, 2, "finalise")
    first = next(key for key in data if key.startswith("level_"))
    del data[first]
    client = logged_in(trainer)
    response = client.post(f"/grading/cases/{submission.pk}/", data, follow=True)
    assert "标准1" in response.content.decode()  # the criterion still to be chosen
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    mark = CaseMark.objects.get()
    assert mark.status == MarkStatus.DRAFT
    assert mark.scores.exclude(level=None).count() == 5


def test_a_grade_for_a_report_already_finalised_by_another_grader_is_refused(
    single_case, learner, trainer, trainer2
):
    submission = submitted_report(single_case, learner)
    # Both open the screen; trainer finalises first.
    logged_in(trainer2).get(f"/grading/cases/{submission.pk}/")
    logged_in(trainer).post(
        f"/grading/cases/{submission.pk}/", grading_post(single_case.rubric, 3, "finalise")
    )
    before = list(CaseMarkScore.objects.values_list("pk", "level_id", "comment"))
    response = logged_in(trainer2).post(
        f"/grading/cases/{submission.pk}/",
        grading_post(single_case.rubric, 0, "finalise", feedback="覆盖"),
        follow=True,
    )
    page = response.content.decode()
    assert "李培训" in page  # "already finalised by 李培训"
    submission.refresh_from_db()
    assert submission.final_percent == Decimal("100.00")
    assert CaseMark.objects.count() == 1 and CaseMark.objects.get().grader == trainer
    assert list(CaseMarkScore.objects.values_list("pk", "level_id", "comment")) == before
    assert not CaseMark.objects.filter(feedback="覆盖").exists()


def test_withdrawing_an_unfinished_mark_frees_the_place(single_case, learner, trainer, trainer2):
    submission = submitted_report(single_case, learner)
    client = logged_in(trainer)
    client.post(f"/grading/cases/{submission.pk}/", grading_post(single_case.rubric, 2, "save"))
    assert (
        "grading-form"
        not in logged_in(trainer2).get(f"/grading/cases/{submission.pk}/").content.decode()
    )
    client.post(f"/grading/cases/{submission.pk}/", {"action": "withdraw"})
    assert not CaseMark.objects.exists()
    assert (
        "grading-form"
        in logged_in(trainer2).get(f"/grading/cases/{submission.pk}/").content.decode()
    )


# --- Double marking and moderation -----------------------------------------------------------


def test_double_marks_are_hidden_from_each_other_until_both_are_in(
    double_case, learner, trainer, trainer2
):
    submission = submitted_report(double_case, learner)
    url = f"/grading/cases/{submission.pk}/"
    first, second = logged_in(trainer), logged_in(trainer2)
    first.post(url, grading_post(double_case.rubric, 3, "submit", feedback="甲的反馈"))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    page = first.get(url).content.decode()
    assert "甲的反馈" in page and 'data-testid="marks-hidden"' not in page
    page = second.get(url).content.decode()
    assert "甲的反馈" not in page and 'data-testid="grading-form"' in page
    assert 'data-testid="marks-so-far"' not in page
    second.post(url, grading_post(double_case.rubric, 2, "submit", feedback="乙的反馈"))
    submission.refresh_from_db()
    # 100 and 75: 25 points apart, beyond the tolerance of 10.
    assert submission.status == SubmissionStatus.MODERATION
    for client in (first, second):
        page = client.get(url).content.decode()
        assert "甲的反馈" in page and "乙的反馈" in page


def test_close_double_marks_give_the_mean(double_case, learner, trainer, trainer2):
    submission = submitted_report(double_case, learner)
    services.mark_submit(
        submission=submission, grader=trainer, entry=mark_entry(double_case.rubric, 3)
    )
    # One criterion a level lower: 100 − 5 = 95 (the first criterion is worth 20).
    services.mark_submit(
        submission=submission,
        grader=trainer2,
        entry=mark_entry(double_case.rubric, [2, 3, 3, 3, 3, 3]),
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.FINALISED
    assert submission.final_percent == Decimal("97.50")
    assert submission.final_method == FinalMethod.MEAN


def test_a_third_grader_cannot_join_a_double_marked_report(
    double_case, learner, trainer, trainer2, english
):
    submission = submitted_report(double_case, learner)
    services.mark_save_draft(
        submission=submission, grader=trainer, entry=mark_entry(double_case.rubric, 3)
    )
    services.mark_save_draft(
        submission=submission, grader=trainer2, entry=mark_entry(double_case.rubric, 3)
    )
    third = TrainerFactory()
    with pytest.raises(services.CaseActionRefused, match="already marking"):
        services.mark_save_draft(
            submission=submission, grader=third, entry=mark_entry(double_case.rubric, 3)
        )


def disagreeing(case, learner, trainer, trainer2):
    submission = submitted_report(case, learner)
    services.mark_submit(submission=submission, grader=trainer, entry=mark_entry(case.rubric, 3))
    services.mark_submit(submission=submission, grader=trainer2, entry=mark_entry(case.rubric, 1))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.MODERATION
    return submission


def test_a_lead_trainer_settles_a_disagreement_and_every_mark_is_kept(
    double_case, learner, trainer, trainer2, lead
):
    submission = disagreeing(double_case, learner, trainer, trainer2)
    client = logged_in(lead)
    assert "王小明" not in client.get("/grading/cases/").content.decode()  # blind
    assert f"/grading/cases/{submission.pk}/" in client.get("/grading/cases/").content.decode()
    page = client.get(f"/grading/cases/{submission.pk}/").content.decode()
    assert 'data-testid="grading-finalise"' in page and "李培训" in page and "周讲师" in page
    client.post(
        f"/grading/cases/{submission.pk}/",
        grading_post(double_case.rubric, 2, "finalise", feedback="仲裁意见"),
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.FINALISED
    assert submission.final_method == FinalMethod.MODERATED
    assert submission.final_percent == Decimal("75.00")
    marks = list(submission.marks.order_by("kind", "pk"))
    assert [(m.grader, m.kind) for m in marks] == [
        (trainer, MarkKind.MARKER),
        (trainer2, MarkKind.MARKER),
        (lead, MarkKind.MODERATOR),
    ]
    assert all(m.submitted_at and m.percent is not None for m in marks)


def test_only_a_lead_trainer_who_did_not_mark_may_moderate(
    double_case, learner, trainer, trainer2, english
):
    submission = disagreeing(double_case, learner, trainer, trainer2)
    outsider = TrainerFactory()
    response = logged_in(outsider).post(
        f"/grading/cases/{submission.pk}/",
        grading_post(double_case.rubric, 2, "finalise"),
        follow=True,
    )
    assert "grading-form" not in response.content.decode()
    services.lead_trainer_grant(user=trainer)
    with pytest.raises(services.CaseActionRefused, match="另一位组长培训师"):
        services.moderation_decide(
            submission=submission,
            moderator=trainer,
            entry=mark_entry(double_case.rubric, 3),
            decision="finalise",
            allowed=True,
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.MODERATION
    assert submission.marks.count() == 2


# --- Grader agreement -------------------------------------------------------------------------


def test_agreement_report_shows_figures_with_their_n(
    double_case, learner, other_learner, trainer, trainer2, assessor
):
    for author, second_rank in [(learner, 3), (other_learner, [2, 3, 3, 3, 3, 3])]:
        submission = submitted_report(double_case, author)
        services.mark_submit(
            submission=submission, grader=trainer, entry=mark_entry(double_case.rubric, 3)
        )
        services.mark_submit(
            submission=submission,
            grader=trainer2,
            entry=mark_entry(double_case.rubric, second_rank),
        )
    page = logged_in(assessor).get("/grading/agreement/").content.decode()
    assert "方法论评分标准 (v1)" in page
    assert "91.7%" in page  # 11 of 12 ratings agree exactly
    assert "N=12" in page and "N=2" in page
    assert "李培训 · 周讲师" in page or "周讲师 · 李培训" in page
    assert "+1.25" in page and "-1.25" in page  # severity: 100 vs mean 98.75, 95 vs 97.5


def test_agreement_report_is_for_graders_and_assessors_only(learner_client):
    assert learner_client.get("/grading/agreement/").status_code == 404


# --- Query budgets with many reports ------------------------------------------------------------


def bulk_reports(case, count, *, markers=(), final=False):
    """``count`` submitted reports on ``case`` by new learners, each marked by ``markers``
    (submitted marks, levels cycling through the rubric), written with bulk inserts."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    User = get_user_model()
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(username=f"bulk{start + i}", display_name=f"学员{start + i}") for i in range(count)
    )
    now = timezone.now()
    submissions = CaseSubmission.objects.bulk_create(
        CaseSubmission(
            case=case,
            learner=user,
            rubric=case.rubric,
            status=SubmissionStatus.FINALISED if final else SubmissionStatus.SUBMITTED,
            submitted_at=now,
            final_percent=Decimal("70") if final else None,
            passed=True if final else None,
        )
        for user in users
    )
    criteria = list(case.rubric.criteria.prefetch_related("levels"))
    marks = CaseMark.objects.bulk_create(
        CaseMark(
            submission=submission,
            grader=grader,
            status=MarkStatus.SUBMITTED,
            percent=Decimal(60 + (i * 7 + g * 13) % 40),
            passed=True,
            submitted_at=now,
        )
        for i, submission in enumerate(submissions)
        for g, grader in enumerate(markers)
    )
    CaseMarkScore.objects.bulk_create(
        CaseMarkScore(
            mark=mark,
            criterion=criterion,
            level=criterion.ranked_levels[(i + c) % len(criterion.ranked_levels)],
        )
        for i, mark in enumerate(marks)
        for c, criterion in enumerate(criteria)
    )
    return submissions


def test_grading_queue_runs_a_bounded_number_of_queries(
    single_case, double_case, trainer, trainer2, lead, django_assert_max_num_queries
):
    client = logged_in(lead)
    bulk_reports(single_case, 3)
    with django_assert_max_num_queries(14):
        assert client.get("/grading/cases/").status_code == 200
    bulk_reports(single_case, 250)
    bulk_reports(double_case, 200, markers=[trainer])
    bulk_reports(double_case, 50, markers=[trainer, trainer2])
    CaseSubmission.objects.filter(marks__grader=trainer2).update(status=SubmissionStatus.MODERATION)
    with django_assert_max_num_queries(14):
        response = client.get("/grading/cases/")
    page = response.content.decode()
    assert '<span class="count">453</span>' in page  # 253 single + 200 with a free place
    assert page.count("/grading/cases/") > 50  # a full page of 50, plus moderation
    with django_assert_max_num_queries(14):
        assert client.get("/grading/cases/?page=9").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/dashboard/trainer/").status_code == 200


def test_agreement_report_runs_a_bounded_number_of_queries(
    double_case, trainer, trainer2, lead, django_assert_max_num_queries
):
    client = logged_in(lead)
    bulk_reports(double_case, 2, markers=[trainer, trainer2], final=True)
    with django_assert_max_num_queries(12):
        assert client.get("/grading/agreement/").status_code == 200
    bulk_reports(double_case, 300, markers=[trainer, trainer2], final=True)
    bulk_reports(double_case, 200, markers=[lead, trainer2], final=True)
    with django_assert_max_num_queries(12):
        page = client.get("/grading/agreement/").content.decode()
    assert "N=502" in page  # reports behind the mean absolute difference
    assert "N=3012" in page  # ratings: 502 reports × 6 criteria


def test_grading_screen_and_result_page_run_a_bounded_number_of_queries(
    double_case, learner, trainer, trainer2, lead, django_assert_max_num_queries
):
    from django.core.files.base import ContentFile

    draft = services.report_open_draft(case=double_case, learner=learner)
    services.report_save_draft(submission=draft, content=complete_report())
    for index in range(8):
        services.attachment_add(submission=draft, upload=ContentFile(b"log\n", f"{index}.log"))
    services.report_submit(submission=draft)
    services.mark_submit(submission=draft, grader=trainer, entry=mark_entry(double_case.rubric, 3))
    services.mark_submit(submission=draft, grader=trainer2, entry=mark_entry(double_case.rubric, 1))
    services.moderation_decide(
        submission=draft,
        moderator=lead,
        entry=mark_entry(double_case.rubric, 2),
        decision="finalise",
        allowed=True,
    )
    moderator, author = logged_in(lead), logged_in(learner)
    # +1: the header's unread count; +4: the access log's entry (audit.record_access)
    with django_assert_max_num_queries(21):
        assert moderator.get(f"/grading/cases/{draft.pk}/").status_code == 200
    # +1: the header's unread count; +1: which program counts the case (the appeal link)
    with django_assert_max_num_queries(18):
        assert author.get("/cases/case-double/versions/1/").status_code == 200

"""Rules enforced by cases.services that no single page shows."""

import pytest
from django.contrib.auth.models import Group

from cases import services
from cases.models import CaseSubmission, PracticeCase, Rubric, SubmissionStatus
from cases.selectors.grading import can_moderate
from cases.selectors.rubrics import rubric_in_use
from tests.cases.factories import complete_report, mark_entry, submitted_report

pytestmark = pytest.mark.django_db


def test_only_one_open_report_per_learner_and_case(single_case, learner):
    draft = services.report_open_draft(case=single_case, learner=learner)
    assert services.report_open_draft(case=single_case, learner=learner) == draft
    services.report_save_draft(submission=draft, content=complete_report())
    services.report_submit(submission=draft)
    with pytest.raises(services.CaseActionRefused):
        services.report_open_draft(case=single_case, learner=learner)
    with pytest.raises(services.CaseActionRefused):
        services.report_save_draft(submission=draft, content=complete_report(scope="改"))
    assert CaseSubmission.objects.get().scope == complete_report().scope


def test_submitting_fixes_the_rubric_version(single_case, learner):
    submission = submitted_report(single_case, learner)
    assert submission.rubric_id == single_case.rubric_id
    assert submission.status == SubmissionStatus.SUBMITTED


def test_a_mark_puts_the_rubric_in_use(single_case, learner, trainer):
    submission = submitted_report(single_case, learner)
    assert not rubric_in_use(single_case.rubric)
    services.mark_save_draft(
        submission=submission, grader=trainer, entry=mark_entry(single_case.rubric, 1)
    )
    assert rubric_in_use(single_case.rubric)


def test_a_level_from_another_rubric_is_refused(single_case, learner, trainer, english):
    from tests.cases.factories import make_rubric

    submission = submitted_report(single_case, learner)
    foreign = make_rubric(title="别的标准")
    entry = mark_entry(single_case.rubric, 2)
    first = next(iter(entry.levels))
    entry.levels[first] = foreign.criteria.first().levels.first().pk
    with pytest.raises(services.CaseActionRefused, match="does not belong"):
        services.mark_submit(submission=submission, grader=trainer, entry=entry)


def test_return_is_refused_when_no_resubmission_is_left(single_case, learner, trainer, english):
    single_case.resubmissions_allowed = 0
    single_case.save()
    submission = submitted_report(single_case, learner)
    with pytest.raises(services.CaseActionRefused, match="finalise"):
        services.mark_submit(
            submission=submission,
            grader=trainer,
            entry=mark_entry(single_case.rubric, 1),
            decision="return",
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert not submission.marks.exists()


def test_new_version_copies_the_edited_rubric_and_moves_cases(single_case):
    old = Rubric.objects.get(pk=single_case.rubric_id)
    edited = Rubric.objects.get(pk=old.pk)
    edited.title = "新标题"
    new = services.rubric_new_version(edited=edited)
    old.refresh_from_db()
    assert (new.version, new.family, new.title) == (2, old.family, "新标题")
    assert not old.is_current and old.title != "新标题"
    assert new.criteria.count() == old.criteria.count() == 6
    assert PracticeCase.objects.get(pk=single_case.pk).rubric == new


def test_lead_trainer_grant_is_a_group_with_the_moderation_permission(trainer):
    assert not can_moderate(trainer)
    services.lead_trainer_grant(user=trainer)
    services.lead_trainer_grant(user=trainer)  # twice is harmless
    trainer = type(trainer).objects.get(pk=trainer.pk)  # fresh permission cache
    assert can_moderate(trainer)
    assert Group.objects.filter(name=services.LEAD_TRAINER_GROUP).count() == 1


def test_the_learner_is_told_when_a_report_is_returned_and_when_it_is_graded(
    single_case, learner, trainer, django_capture_on_commit_callbacks
):
    single_case.resubmissions_allowed = 1
    single_case.save()
    first = submitted_report(single_case, learner)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_submit(
            submission=first,
            grader=trainer,
            entry=mark_entry(single_case.rubric, 1),
            decision="return",
        )
    returned = learner.notifications.get()
    assert (returned.event, returned.title) == ("case_returned", "报警停机")
    assert returned.url == f"/cases/case-single/versions/{first.number}/"
    second = services.report_start_revision(case=single_case, learner=learner)
    services.report_submit(submission=second)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_submit(
            submission=second, grader=trainer, entry=mark_entry(single_case.rubric, 3)
        )
    assert list(learner.notifications.values_list("event", flat=True)) == [
        "case_graded",
        "case_returned",
    ]

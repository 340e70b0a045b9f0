"""The practice-case contract the certificates app relies on (cases/api.py)."""

import dataclasses
from decimal import Decimal

import pytest

from cases import api, services
from cases.models import MarkDecision
from lms.bilingual import pick
from tests.cases.factories import PracticeCaseFactory, mark_entry, submitted_report
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def finalise(case, learner, grader, rank):
    submission = submitted_report(case, learner)
    services.mark_submit(submission=submission, grader=grader, entry=mark_entry(case.rubric, rank))
    return submission


def test_practice_cases_lists_open_cases(single_case):
    PracticeCaseFactory(slug="closed", live=False)
    assert api.practice_cases() == [api.CaseRef(slug="case-single", title="报警停机")]


def test_results_cover_every_requested_pair(single_case, learner, other_learner, trainer):
    second = PracticeCaseFactory(slug="second", rubric=single_case.rubric)
    finalise(single_case, learner, trainer, 2)
    services.report_open_draft(case=second, learner=learner)
    results = api.case_results(
        user_ids=[learner.pk, other_learner.pk], case_slugs=["case-single", "second"]
    )
    assert set(results) == {
        (learner.pk, "case-single"),
        (learner.pk, "second"),
        (other_learner.pk, "case-single"),
        (other_learner.pk, "second"),
    }
    assert results[(learner.pk, "case-single")] == api.CaseResult(
        learner.pk, "case-single", Decimal("75.00"), True, "finalised"
    )
    assert results[(learner.pk, "second")].status == "draft"
    assert results[(learner.pk, "second")].percent is None
    assert results[(other_learner.pk, "second")].status == "not_started"
    with pytest.raises(dataclasses.FrozenInstanceError):
        results[(learner.pk, "second")].percent = Decimal(1)


def test_the_latest_finalised_version_counts(single_case, learner, trainer):
    first = finalise(single_case, learner, trainer, 0)  # fails
    assert first.passed is False or first.refresh_from_db() or first.passed is False
    revision = services.report_start_revision(case=single_case, learner=learner)
    result = api.case_results(user_ids=[learner.pk], case_slugs=["case-single"])
    assert result[(learner.pk, "case-single")].status == "draft"
    assert result[(learner.pk, "case-single")].percent == Decimal("0.00")  # still v1's score
    services.report_submit(submission=revision)
    services.mark_submit(
        submission=revision, grader=trainer, entry=mark_entry(single_case.rubric, 3)
    )
    result = api.case_results(user_ids=[learner.pk], case_slugs=["case-single"])
    assert result[(learner.pk, "case-single")].percent == Decimal("100.00")
    assert result[(learner.pk, "case-single")].passed is True


def test_a_returned_report_has_no_final_result(single_case, learner, trainer):
    submission = submitted_report(single_case, learner)
    services.mark_submit(
        submission=submission,
        grader=trainer,
        entry=mark_entry(single_case.rubric, 1),
        decision=MarkDecision.RETURN,
    )
    result = api.case_results(user_ids=[learner.pk], case_slugs=["case-single"])
    assert result[(learner.pk, "case-single")] == api.CaseResult(
        learner.pk, "case-single", None, None, "returned"
    )


def test_summary_mean_needs_every_case(single_case, learner, trainer):
    second = PracticeCaseFactory(slug="second", rubric=single_case.rubric)
    finalise(single_case, learner, trainer, 3)
    summary = api.case_summary(user_id=learner.pk, case_slugs=["case-single", "second"])
    assert [r.case_slug for r in summary.results] == ["case-single", "second"]
    assert summary.mean is None
    finalise(second, learner, trainer, 2)
    summary = api.case_summary(user_id=learner.pk, case_slugs=["case-single", "second"])
    assert summary.mean == Decimal("87.50")
    assert api.case_summary(user_id=learner.pk, case_slugs=[]).mean is None


def test_results_take_one_query_whatever_the_numbers(
    single_case, trainer, django_assert_num_queries
):
    learners = LearnerFactory.create_batch(30)
    for learner in learners[:10]:
        finalise(single_case, learner, trainer, 2)
    with django_assert_num_queries(1):
        results = api.case_results(
            user_ids=[u.pk for u in learners], case_slugs=["case-single", "missing"]
        )
    assert len(results) == 60
    with django_assert_num_queries(1):
        api.case_summary(user_id=learners[0].pk, case_slugs=["case-single"])
    with django_assert_num_queries(1):
        api.practice_cases()


def test_case_titles_name_every_known_slug_in_one_query(django_assert_num_queries):
    PracticeCaseFactory(slug="alarm", title="维修后仍报警")
    PracticeCaseFactory(slug="closed", title="已关闭的案例", live=False)
    with django_assert_num_queries(1):
        titles = api.case_titles(slugs=["alarm", "closed", "nope"])
    assert titles == {"alarm": "维修后仍报警", "closed": "已关闭的案例"}
    with django_assert_num_queries(0):
        assert api.case_titles(slugs=[]) == {}


def test_case_title_pairs_give_both_languages_in_one_query(django_assert_num_queries):
    PracticeCaseFactory(slug="alarm", title="维修后仍报警", title_en="Still alarms after repair")
    PracticeCaseFactory(slug="closed", title="已关闭的案例", live=False)
    with django_assert_num_queries(1):
        pairs = api.case_title_pairs(slugs=["alarm", "closed", "nope"])
    assert pairs == {
        "alarm": ("维修后仍报警", "Still alarms after repair"),
        "closed": ("已关闭的案例", ""),
    }
    assert pick(*pairs["alarm"], "en") == "Still alarms after repair"
    assert pick(*pairs["closed"], "en").fallback
    with django_assert_num_queries(0):
        assert api.case_title_pairs(slugs=[]) == {}


def test_open_cases_carry_their_english_title(single_case):
    single_case.title_en = "Alarm stop"
    single_case.save()
    assert api.practice_cases() == [
        api.CaseRef(slug="case-single", title="报警停机", title_en="Alarm stop")
    ]

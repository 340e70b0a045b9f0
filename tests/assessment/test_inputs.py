"""The adapter to the quiz engine and the course app asks them nothing (not one query) when
there is nothing to ask, so metrics-only programs work on their own. With exams and cases it
calls exams.api and courses.api: tests/test_demo_data.py covers those paths."""

import pytest

from assessment import inputs
from assessment.selectors.scorecards import live_scorecards
from tests.assessment.factories import put_metrics

pytestmark = pytest.mark.django_db


def test_nothing_to_ask_means_no_call(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert_nothing_asked()


def assert_nothing_asked():
    assert inputs.unknown_exam_slugs([]) == []
    assert inputs.unknown_case_slugs([]) == []
    assert inputs.exam_inputs(user_ids=[1, 2], slugs=[]) == {}
    assert inputs.exam_inputs(user_ids=[], slugs=["ase-l1-certification"]) == {}
    assert inputs.case_inputs(user_ids=[1], slugs=()) == {}
    assert inputs.course_learner_ids(course_id=None) == set()
    assert inputs.cohorts(course_id=None) == []
    assert inputs.cohort_learner_ids(cohort_id=None) == []


def test_a_metrics_only_program_is_scored_without_the_other_apps(learner, program):
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4)
    (card,) = live_scorecards(program=program, period="2026-Q3")
    assert card.result.status == "certified"

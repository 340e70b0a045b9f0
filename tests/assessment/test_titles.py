"""Scorecards speak the reader's words (issue 14): the titles of exams and practice cases, not
their slugs; plain phrases for a result that may still rise or changed since it was finalised;
an empty total drawn as empty.

The program (like the demo's): exam 50 %, practice 0 % with one case, on the job 50 %. The
engineer's on-the-job score is 75 (see test_exam_retakes.py); the exam scores 100 %, so the
total is 0.5 × 100 + 0.5 × 75 = 87.5 once the case's weight is 0.
"""

import csv
import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.utils import translation

from assessment.models import Scorecard
from assessment.services.scorecards import scorecard_finalise
from exams.models import Question, Quiz
from tests.assessment.factories import make_program, put_metrics, scheme_file
from tests.cases.factories import PracticeCaseFactory
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with, sit_exam
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

URL = "/scorecards/TST-L1/2026-Q3/E1001/"
MARK = '<span lang="zh-Hans" class="untranslated">'
COHORT = "/assessment/scorecards/?program=TST-L1&period=2026-Q3"
EXPORT = "/assessment/scorecards/export.csv?program=TST-L1&period=2026-Q3"
EXAM_SLUG, EXAM_TITLE = "ase-l1-certification", "售后工程师一级认证考试"
CASE_SLUG, CASE_TITLE = "case-alarm-after-repair", "维修后仍报警"


@pytest.fixture
def exam(trainer):
    category = CategoryFactory(name="模块一")
    questions = [
        QuestionFactory(category=category, points=D("6")),
        QuestionFactory(category=category, kind=Question.Kind.ESSAY, points=D("4")),
    ]
    return quiz_with(questions, owner=trainer, slug=EXAM_SLUG, title=EXAM_TITLE)


@pytest.fixture
def program(exam):
    """Exam and on the job; the exam alone decides whether the scorecard is complete."""
    data = scheme_file(components={"exam": 50, "practice": 0, "on_the_job": 50}, exams=[EXAM_SLUG])
    return make_program(data=data)[0]


@pytest.fixture
def case_program(exam):
    """The same with a practice case (weight 0) that nobody has done: always incomplete."""
    PracticeCaseFactory(slug=CASE_SLUG, title=CASE_TITLE)
    data = scheme_file(
        program={"code": "TST-C1", "name": "案例认证", "validity_months": 24},
        components={"exam": 50, "practice": 0, "on_the_job": 50},
        exams=[EXAM_SLUG],
        practice_cases=[CASE_SLUG],
    )
    return make_program(data=data)[0]


@pytest.fixture
def engineer(program, learner):
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4)
    return learner


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_scorecard_names_the_exam_and_the_case_by_title(
    engineer, case_program, exam, trainer, assessor
):
    sit_exam(exam, engineer, right=True, marker=trainer)
    url = "/scorecards/TST-C1/2026-Q3/E1001/"
    page = html_of(signed_in(engineer), url)
    assert EXAM_TITLE in page and CASE_TITLE in page
    assert EXAM_SLUG not in page and CASE_SLUG not in page
    # The case has no graded report: the reason names it by its title.
    # Neither has an English title: named in Chinese, marked "Chinese only".
    assert f'Practice case {MARK}{CASE_TITLE}</span> <small class="untranslated-mark"' in page
    assert "Chinese only</small> is not graded yet." in page
    # The indicator's code is for assessors (who import metrics by code), not for the learner.
    # The scheme gives it no English name: the Chinese one, marked (not followed by the code).
    name = '<span lang="zh-Hans" class="untranslated">一次修复率</span>'
    assert f'<th scope="row">{name} <small class="untranslated-mark"' in page
    assert "Chinese only</small></th>" in page  # no code after it
    # A unit without Chinese characters (%) is the same in both languages: no mark.
    assert '<td class="num">88 %</td>' in page
    assert 'Chinese only</small> <code class="muted small" translate="no"' in html_of(
        signed_in(assessor), url
    )


def test_the_cohort_table_and_its_export_name_the_exam_by_title(engineer, assessor):
    page = html_of(signed_in(assessor), COHORT)
    assert EXAM_SLUG not in page
    export = signed_in(assessor).get(EXPORT).content.decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(export)))
    assert f"No graded attempt at certification exam {EXAM_TITLE}." in row["Reasons"]
    assert EXAM_SLUG not in export


def test_the_command_table_speaks_words_and_its_csv_keeps_its_keys(engineer, exam):
    out = io.StringIO()
    with translation.override("en"):
        call_command("scorecard", "--program", "TST-L1", "--period", "2026-Q3", stdout=out)
    header, row = out.getvalue().splitlines()
    assert header.startswith("Employee ID")
    assert "技术能力" in header and "technical_ability" not in header  # the scheme's names
    assert "Incomplete" in row and "incomplete" not in row
    out = io.StringIO()
    with translation.override("en"):
        call_command(
            "scorecard", "--program", "TST-L1", "--period", "2026-Q3", "--format", "csv", stdout=out
        )
    (line,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert line["status"] == "incomplete"  # the machine format keeps its codes
    assert EXAM_TITLE in line["reasons"]


def test_a_retake_awaiting_marking_is_said_plainly(engineer, exam, trainer, assessor):
    sit_exam(exam, engineer, right=True, marker=trainer)
    Quiz.objects.filter(pk=exam.pk).update(grading_method=Quiz.GradingMethod.HIGHEST)
    sit_exam(exam, engineer, right=False)
    page = html_of(signed_in(engineer), URL)
    assert "May still rise: attempt 2 awaits marking." in page
    assert f'<li>{MARK}{EXAM_TITLE}</span> <small class="untranslated-mark"' in page
    assert (
        "Chinese only</small> may still rise: attempt 2 awaits marking. Until then the best "
        "marked attempt counts; marking can only raise it."
    ) in page
    assert "Provisional" not in page and ">provisional<" not in page
    cohort = html_of(signed_in(assessor), COHORT)
    assert ">may still rise<" in cohort and ">provisional<" not in cohort


def test_a_finalised_scorecard_keeps_the_titles_it_was_frozen_with(engineer, exam, program):
    sit_exam(exam, engineer, right=True, marker=exam.owner)
    revision, _ = scorecard_finalise(
        program=program, period="2026-Q3", user_id=engineer.pk, by=None
    )
    assert revision.snapshot["titles"]["exams"] == {EXAM_SLUG: EXAM_TITLE}
    Quiz.objects.filter(pk=exam.pk).update(title="改名后的考试")
    page = html_of(signed_in(engineer), URL + "r1/")
    assert EXAM_TITLE in page and "改名后的考试" not in page


def test_an_old_snapshot_without_titles_shows_the_slug(engineer, exam, trainer, program):
    sit_exam(exam, engineer, right=True, marker=trainer)
    revision, _ = scorecard_finalise(
        program=program, period="2026-Q3", user_id=engineer.pk, by=None
    )
    snapshot = dict(revision.snapshot)
    del snapshot["titles"]
    Scorecard.objects.filter(pk=revision.pk).update(snapshot=snapshot)
    page = html_of(signed_in(engineer), URL + "r1/")
    assert EXAM_SLUG in page


def test_a_changed_scorecard_says_so_in_a_sentence(engineer, exam, trainer, program, assessor):
    sit_exam(exam, engineer, right=True, marker=trainer)
    scorecard_finalise(program=program, period="2026-Q3", user_id=engineer.pk, by=None)
    put_metrics(engineer, first_time_fix_rate=95)
    page = html_of(signed_in(engineer), URL)
    assert "The results have changed since revision 1 was finalised" in page
    assert ">changed<" not in page


def test_an_empty_total_is_drawn_empty(engineer):
    page = html_of(signed_in(engineer), URL)
    assert 'data-testid="scorecard-total">—<' not in page
    assert "No total yet: some results are missing." in page
    assert "score-total-empty" in page

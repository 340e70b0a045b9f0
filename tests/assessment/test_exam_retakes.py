"""A retake awaiting marking, from the quiz engine to the scorecard, the cohort table, finalising
and issuing (issue 12, finding 3: a retake turned a certified scorecard into "incomplete").

The program: exam 50 %, on the job 50 %. The engineer's on-the-job score is 75 (first-time fix
80, repeat repairs 70 → technical ability 75; teamwork (4 − 1) / 4 → 75). The first attempt at
the exam scores 100 % (6 + 4 of 10 points), so the total is 0.5 × 100 + 0.5 × 75 = 87.5.
"""

from decimal import Decimal as D

import pytest

from assessment.errors import AssessmentError
from assessment.models import Scorecard
from assessment.selectors.scorecards import live_scorecard
from assessment.services.scorecards import scorecard_finalise
from certificates import bulk
from exams.models import Question, Quiz
from exams.services.marking import essay_mark
from tests.assessment.factories import make_program, put_metrics, scheme_file
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with, sit_exam
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

URL = "/scorecards/TST-L1/2026-Q3/E1001/"
COHORT = "/assessment/scorecards/?program=TST-L1&period=2026-Q3"
NOTE = "May still rise: attempt 2 awaits marking."
# The quiz has no English title: English pages name it in Chinese, marked "Chinese only".
TITLE = '<span lang="zh-Hans" class="untranslated">认证考试</span> <small class="untranslated-mark"'
EXPLANATION = (
    "Chinese only</small> may still rise: attempt 2 awaits marking. Until then the best marked "
    "attempt counts; marking can only raise it."
)


@pytest.fixture
def exam(trainer):
    category = CategoryFactory(name="模块一")
    questions = [
        QuestionFactory(category=category, points=D("6")),
        QuestionFactory(category=category, kind=Question.Kind.ESSAY, points=D("4")),
    ]
    return quiz_with(questions, owner=trainer, slug="exam", title="认证考试")


@pytest.fixture
def program(exam):
    data = scheme_file(components={"exam": 50, "practice": 0, "on_the_job": 50}, exams=["exam"])
    return make_program(data=data)[0]


@pytest.fixture
def certified(program, exam, learner, trainer):
    """The engineer passed the exam at the first attempt and is certified."""
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4)
    first = sit_exam(exam, learner, right=True, marker=trainer)
    assert (first.state, first.percent) == ("graded", D("100.00"))
    card = live(program, learner)
    assert (card.result.status, card.result.total) == ("certified", D("87.5"))
    return card


def live(program, user):
    return live_scorecard(program=program, period="2026-Q3", user_id=user.pk)


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def pass_rate(html) -> str:
    summary = html.split('data-testid="cohort-summary"')[1].split("pass rate")[0]
    return summary.rsplit("<strong>", 1)[1].split("</strong>")[0]


def sit_mark(essay, trainer):
    """Full points for the essay (the objective question of a wrong attempt stays at 0)."""
    return essay_mark(answer=essay, marker=trainer, points=essay.points, feedback="")


def retake(exam, learner, method):
    Quiz.objects.filter(pk=exam.pk).update(grading_method=method)
    second = sit_exam(exam, learner, right=False)
    assert (second.number, second.state) == (2, "submitted")
    return second


def test_under_highest_a_retake_keeps_the_scorecard_certified_and_says_it_is_provisional(
    certified, program, exam, learner, assessor, trainer
):
    assert pass_rate(html_of(signed_in(assessor), COHORT)) == "100.00%"
    second = retake(exam, learner, Quiz.GradingMethod.HIGHEST)

    card = live(program, learner)
    assert (card.result.status, card.result.total) == ("certified", D("87.5"))
    assert card.result.component("exam").parts[0].awaiting_marking == (2,)

    # The learner's own scorecard: certified, with the note beside the exam and explained.
    own = html_of(signed_in(learner), URL)
    assert 'data-testid="scorecard-status">Certified<' in own
    assert f'data-testid="part-provisional">{NOTE}<' in own
    assert TITLE in own and EXPLANATION in own
    # The assessor's cohort table: the pass rate holds, the exam score is marked provisional.
    cohort = html_of(signed_in(assessor), COHORT)
    assert pass_rate(cohort) == "100.00%"
    assert f'title="{NOTE}" data-testid="exam-provisional">may still rise<' in cohort

    # A provisional pass is a guaranteed pass: finalising and issuing stay allowed.
    page = html_of(signed_in(assessor), URL)
    assert 'data-testid="finalise"' in page
    outcome = bulk.issue_for_user(program=program, period="2026-Q3", card=card, notify=False)
    assert outcome.certificate is not None and outcome.certificate.total_score == D("87.50")
    revision = Scorecard.objects.get()
    parts = revision.snapshot["result"]["components"][0]["parts"]
    assert parts == [{"code": "exam", "percent": "100.00", "awaiting_marking": [2]}]
    # The frozen revision and its feedback report say it was provisional when finalised.
    frozen = html_of(signed_in(learner), URL + "r1/")
    assert f'data-testid="part-provisional">{NOTE}<' in frozen and EXPLANATION in frozen
    assert EXPLANATION in html_of(signed_in(learner), URL + "r1/feedback/")

    # Marked lower: the best attempt still counts; no figure changed since the revision.
    essay = second.questions.get(kind=Question.Kind.ESSAY)
    assert sit_mark(essay, trainer).percent == D("40.00")
    card = live(program, learner)
    assert card.result.total == D("87.5") and card.result.provisional_parts == ()
    page = html_of(signed_in(assessor), URL)
    assert 'data-testid="scorecard-changed"' not in page and NOTE not in page


def test_under_first_a_later_attempt_changes_nothing(certified, program, exam, learner, assessor):
    retake(exam, learner, Quiz.GradingMethod.FIRST)
    assert live(program, learner).result == certified.result
    own = html_of(signed_in(learner), URL)
    assert 'data-testid="scorecard-status">Certified<' in own
    assert 'data-testid="part-provisional"' not in own and "scorecard-notes" not in own
    assert pass_rate(html_of(signed_in(assessor), COHORT)) == "100.00%"


@pytest.mark.parametrize("method", [Quiz.GradingMethod.LAST, Quiz.GradingMethod.AVERAGE])
def test_under_last_and_average_the_retake_decides_so_the_scorecard_waits(
    certified, program, exam, learner, assessor, method
):
    retake(exam, learner, method)
    card = live(program, learner)
    assert card.result.status == "incomplete" and card.result.total is None
    own = html_of(signed_in(learner), URL)
    assert f"Certification exam {TITLE}" in own
    assert "Chinese only</small> is waiting to be marked." in own
    assert pass_rate(html_of(signed_in(assessor), COHORT)) == "0.00%"


def test_a_provisional_scorecard_that_is_not_certified_waits_for_marking(
    program, exam, learner, trainer, assessor
):
    put_metrics(learner, first_time_fix_rate=88, repeat_repair_rate=3, peer_teamwork_rating=4)
    first = sit_exam(exam, learner, right=False)
    sit_mark(first.questions.get(kind=Question.Kind.ESSAY), trainer)  # 4 of 10 points: 40 %
    retake(exam, learner, Quiz.GradingMethod.HIGHEST)
    card = live(program, learner)
    # 0.5 × 40 + 0.5 × 75 = 57.5 < 60, but the retake may still lift it over the pass mark.
    assert (card.result.status, card.result.total) == ("not_certified", D("57.5"))
    refusal = (
        "This scorecard cannot be finalised while attempt 2 is awaiting marking: marking may "
        "still make it certified."
    )
    page = html_of(signed_in(assessor), URL)
    assert 'data-testid="finalise"' not in page
    assert f'data-testid="finalise-refused">{refusal}<' in page
    response = signed_in(assessor).post(URL + "finalise/")
    assert response.status_code == 302 and not Scorecard.objects.exists()
    with pytest.raises(AssessmentError):
        scorecard_finalise(program=program, period="2026-Q3", user_id=learner.pk, by=assessor)

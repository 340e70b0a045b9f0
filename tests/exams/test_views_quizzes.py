"""The quiz list, a quiz's detail and its start button, with the refusals a learner meets."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exams.models import Attempt, Quiz, QuizDraw
from tests.exams.factories import quiz_with, start, url
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


# --- Lists and detail ----------------------------------------------------------------------------


def test_quiz_list_shows_published_quizzes_only(learner_client, exam, questions):
    quiz_with(questions[:1], title="草稿测验", slug="draft-quiz", draft=True)
    page = learner_client.get(url("quiz_list")).content.decode()
    assert "认证考试" in page
    assert "草稿测验" not in page


def test_a_draft_quiz_is_not_found(learner_client, questions):
    quiz = quiz_with(questions[:1], slug="draft-quiz", draft=True)
    assert learner_client.get(url("quiz_detail", slug=quiz.slug)).status_code == 404
    assert learner_client.post(url("quiz_start", slug=quiz.slug)).status_code == 404


def test_pages_need_a_login(client, exam):
    response = client.get(url("quiz_detail", slug=exam.slug))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_quiz_lists_do_not_say_passed_or_not_before_the_score_may_be_shown(
    learner_client, objective_exam
):
    """The list and the dashboard said "Not passed" of an exam that shows scores only after
    it closes (found in review of issue 12)."""
    objective_exam.review_score_immediately = False
    objective_exam.save()
    attempt = start(learner_client, objective_exam)
    learner_client.post(url("attempt_submit", pk=attempt.pk))
    for page in (url("quiz_list"), "/dashboard/learner/"):
        html = learner_client.get(page).content.decode()
        assert 'data-testid="grade-hidden"' in html, page
        assert "badge-ok" not in html and "badge-bad" not in html, page


# --- Integrity: refusals with a clear message --------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"open_at": timezone.now() + timedelta(days=1)}, "not open yet"),
        ({"close_at": timezone.now() - timedelta(days=1)}, "closed"),
    ],
)
def test_refused_before_opening_and_after_closing(client, questions, fields, text, settings):
    settings.LANGUAGE_CODE = "en"
    learner = LearnerFactory()
    client.force_login(learner)
    client.cookies["lms_language"] = "en"
    quiz = quiz_with(questions[:1], **fields)
    detail = client.get(url("quiz_detail", slug=quiz.slug)).content.decode()
    assert text in detail
    assert "start-attempt" not in detail
    response = client.post(url("quiz_start", slug=quiz.slug), follow=True)
    assert text in response.content.decode()
    assert not Attempt.objects.exists()


def test_attempts_beyond_the_limit_are_refused(client, questions):
    learner = LearnerFactory()
    client.force_login(learner)
    client.cookies["lms_language"] = "en"
    quiz = quiz_with(questions[:1], attempts_allowed=1)
    client.post(url("attempt_submit", pk=start(client, quiz).pk))
    response = client.post(url("quiz_start", slug=quiz.slug), follow=True)
    assert "You have used all the attempts this quiz allows." in response.content.decode()
    assert Attempt.objects.filter(user=learner).count() == 1


def test_an_exam_whose_pool_exposure_leaves_too_small_refuses_with_a_message(client, questions):
    learner = LearnerFactory()
    client.force_login(learner)
    client.cookies["lms_language"] = "en"
    category = questions[0].category
    exam = quiz_with([], slug="certification")
    QuizDraw.objects.create(quiz=exam, category=category, count=2)
    quiz_with(questions[:3], kind=Quiz.Kind.PRACTICE, review_answers_immediately=True)
    response = client.post(url("quiz_start", slug=exam.slug), follow=True)
    assert response.status_code == 200
    assert "too few questions for a random draw" in response.content.decode()
    assert not Attempt.objects.filter(quiz=exam).exists()


def test_the_quiz_list_keeps_the_order_the_trainers_wrote_the_quizzes_in(learner_client, questions):
    for n, numeral in enumerate("一二三四", start=1):
        quiz_with(questions[:1], title=f"知识检测：模块{numeral}", slug=f"kc-{n}", kind="practice")
    page = learner_client.get(url("quiz_list")).content.decode()
    positions = [page.index(f"模块{numeral}") for numeral in "一二三四"]
    assert positions == sorted(positions)  # a sort by title put 模块三 before 模块二

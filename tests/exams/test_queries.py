"""Query counts stay bounded: a 100-question exam, many attempts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from exams.models import Choice, Question, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from tests.exams.factories import (
    CategoryFactory,
    QuestionFactory,
    QuizFactory,
    draw,
    quiz_with,
)
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def bank(count: int) -> list[Question]:
    category = CategoryFactory(name="题库")
    questions = Question.objects.bulk_create(
        Question(category=category, text=f"题目 {i}", points=Decimal("1")) for i in range(count)
    )
    Choice.objects.bulk_create(
        Choice(question=q, text=f"选项 {j}", is_correct=j == 0, sort_order=j)
        for q in questions
        for j in range(4)
    )
    return questions


@pytest.fixture
def big_exam(trainer):
    return quiz_with(bank(100), owner=trainer, slug="big", shuffle_choices=True)


def answer_fields(aq, key, version=0):
    return {
        "positions": [str(aq.position)],
        f"q{aq.position}-version": str(version),
        f"q{aq.position}-choice": [key],
    }


def test_question_page_of_a_100_question_exam(client, big_exam, django_assert_max_num_queries):
    learner = LearnerFactory()
    client.force_login(learner)
    attempt = attempt_start(quiz=big_exam, user=learner)
    client.get(reverse("exams:attempt_page", kwargs={"pk": attempt.pk, "page": 1}))
    # Session, user, attempt, its questions (navigation and page in one): the quiet header of
    # an exam in progress reads neither the links nor the unread count (decision 0905).
    with django_assert_max_num_queries(4):
        response = client.get(reverse("exams:attempt_page", kwargs={"pk": attempt.pk, "page": 57}))
    assert response.status_code == 200
    assert 'data-nav-position="100"' in response.content.decode()


def test_all_on_one_page_of_a_100_question_exam(client, trainer, django_assert_max_num_queries):
    quiz = quiz_with(bank(100), layout=Quiz.Layout.ALL_ON_ONE_PAGE, slug="big-one-page")
    learner = LearnerFactory()
    client.force_login(learner)
    attempt = attempt_start(quiz=quiz, user=learner)
    # The first page too: the quiet header works out no links (no groups, no permissions).
    with django_assert_max_num_queries(4):
        response = client.get(reverse("exams:attempt_page", kwargs={"pk": attempt.pk, "page": 1}))
    assert response.content.decode().count('name="positions"') == 100


def test_answer_save_of_a_100_question_exam(client, big_exam, django_assert_max_num_queries):
    learner = LearnerFactory()
    client.force_login(learner)
    attempt = attempt_start(quiz=big_exam, user=learner)
    aq = attempt.questions.get(position=42)
    url = reverse("exams:attempt_autosave", kwargs={"pk": attempt.pk})
    # Session, user, the question with its attempt locked (one query), its update, the resume
    # position, and the test's savepoint around the transaction.
    with django_assert_max_num_queries(7) as captured:
        response = client.post(
            url, answer_fields(aq, aq.choices[2]["key"]), HTTP_ACCEPT="application/json"
        )
    assert response.json()["saved"] == [42]
    # Nothing joins the quiz to sort the question read (the model's ordering; decision 0903).
    assert not [q for q in captured.captured_queries if '"exams_quiz"' in q["sql"]]
    # Saving every question of the page at once costs one more: the attempt, then its questions.
    everything = {"positions": []}
    for row in attempt.questions.all():
        everything["positions"].append(str(row.position))
        everything[f"q{row.position}-version"] = str(row.version)
        everything[f"q{row.position}-choice"] = [row.choices[0]["key"]]
    with django_assert_max_num_queries(8):
        response = client.post(url, everything, HTTP_ACCEPT="application/json")
    assert len(response.json()["saved"]) == 100


def test_starting_a_100_question_exam(client, big_exam, django_assert_max_num_queries):
    learner = LearnerFactory()
    client.force_login(learner)
    # Session, user, quiz; the attempts so far (the one in progress among them),
    # accommodations, the requirements; fixed questions, draws, the exposure's three; questions
    # and choices; the inserts (three batches of the 100 rows on SQLite) in a savepoint.
    with django_assert_max_num_queries(19):
        response = client.post(reverse("exams:quiz_start", kwargs={"slug": "big"}))
    assert response.status_code == 302


def _exam_drawing_from(modules: int, *, slug: str) -> Quiz:
    """A certification exam drawing three questions from each of ``modules`` modules."""
    course = CategoryFactory(name=f"课程 {slug}")
    exam = QuizFactory(slug=slug, kind=Quiz.Kind.CERTIFICATION, attempts_allowed=0)
    for index in range(modules):
        module = CategoryFactory(name=f"模块 {index}", parent=course)
        QuestionFactory.create_batch(5, category=module)
        draw(exam, module, 3)
    return exam


def test_starting_an_exam_costs_the_same_queries_whatever_its_draws(
    client, django_assert_max_num_queries
):
    learner = LearnerFactory()
    client.force_login(learner)
    one, four = _exam_drawing_from(1, slug="one-draw"), _exam_drawing_from(4, slug="four-draws")
    counts = {}
    for exam in (one, four):
        with django_assert_max_num_queries(20) as captured:
            response = client.post(reverse("exams:quiz_start", kwargs={"slug": exam.slug}))
        assert response.status_code == 302
        counts[exam.slug] = len(captured.captured_queries)
    # The draws' questions come with the exposure an exam works out anyway (decision 0903).
    assert counts["one-draw"] == counts["four-draws"]
    assert one.attempts.get(user=learner).questions.count() == 3
    assert four.attempts.get(user=learner).questions.count() == 12


def _many_submitted_essays(exam, count):
    for _ in range(count):
        attempt = attempt_start(quiz=exam, user=LearnerFactory())
        essay = attempt.questions.get(kind=Question.Kind.ESSAY)
        answers_save(attempt=attempt, answers=[AnswerInput(essay.position, 0, essay="论述")])
        attempt_submit(attempt=attempt)


def test_marking_queue_with_many_attempts(trainer_client, exam, django_assert_max_num_queries):
    _many_submitted_essays(exam, 3)
    with django_assert_max_num_queries(14) as few:
        trainer_client.get(reverse("exams:marking_queue"))
    _many_submitted_essays(exam, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = trainer_client.get(reverse("exams:marking_queue"))
    assert response.context["page_obj"].paginator.count == 33


def test_results_and_analysis_pages_with_many_attempts(
    trainer_client, objective_exam, django_assert_max_num_queries
):
    def sit_many(n):
        for _ in range(n):
            attempt_submit(attempt=attempt_start(quiz=objective_exam, user=LearnerFactory()))

    sit_many(3)
    pages = [
        reverse("exams:staff_quiz_results", kwargs={"slug": "objective"}),
        reverse("exams:staff_item_analysis", kwargs={"slug": "objective"}),
        reverse("exams:staff_quiz_list"),
        reverse("exams:quiz_list"),
    ]
    counts = {}
    for page in pages:
        with django_assert_max_num_queries(15) as captured:
            trainer_client.get(page)
        counts[page] = len(captured.captured_queries)
    sit_many(20)
    for page in pages:
        with django_assert_max_num_queries(counts[page]):
            trainer_client.get(page)

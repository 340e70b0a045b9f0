"""Choice keys of an attempt give nothing away: not the bank's ids, not the author's order.

Issue 12, finding 1: the exam page used each bank choice's database id as the input value, and
authors write the right answer first, so "pick the lowest value" passed the exam.
"""

import random
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from exams.models import Attempt, Choice, Question, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from tests.exams.factories import QuestionFactory, quiz_with

pytestmark = pytest.mark.django_db

CHOICE_INPUT = re.compile(r'name="q\d+-choice" value="([^"]*)"')
URL_SAFE_64_BITS = re.compile(r"^[A-Za-z0-9_-]{11,}$")  # 11 url-safe characters ≥ 64 bits


def url(name, **kwargs):
    return reverse(f"exams:{name}", kwargs=kwargs)


def bank_choice_ids() -> set[str]:
    return {str(pk) for pk in Choice.objects.values_list("pk", flat=True)}


def start(client, quiz) -> Attempt:
    assert client.post(url("quiz_start", slug=quiz.slug)).status_code == 302
    return Attempt.objects.filter(quiz=quiz).latest("pk")


def choice_keys(attempt) -> list[str]:
    return [
        c["key"]
        for aq in attempt.questions.all()
        if aq.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
        for c in aq.choices
    ]


@pytest.fixture
def one_page_exam(questions, trainer):
    return quiz_with(questions, owner=trainer, slug="one-page", layout=Quiz.Layout.ALL_ON_ONE_PAGE)


# --- Pages and answers carry opaque keys ---------------------------------------------------------


def test_the_exam_page_shows_no_bank_choice_id(learner_client, one_page_exam):
    attempt = start(learner_client, one_page_exam)
    page = learner_client.get(url("attempt_page", pk=attempt.pk, page=1)).content.decode()
    values = CHOICE_INPUT.findall(page)
    choice_values = [v for v in values if v not in ("true", "false")]
    assert len(choice_values) == 8  # the single and the multiple choice question, 4 each
    assert not set(choice_values) & bank_choice_ids()
    assert all(URL_SAFE_64_BITS.match(v) for v in choice_values), choice_values
    assert len(set(choice_values)) == len(choice_values)


def test_keys_are_unique_in_an_attempt_and_new_in_every_attempt(learner, category):
    questions = [QuestionFactory(category=category) for _ in range(10)]
    quiz = quiz_with(questions, attempts_allowed=0)
    first = attempt_start(quiz=quiz, user=learner)
    attempt_submit(attempt=first)
    second = attempt_start(quiz=quiz, user=learner)
    keys_1, keys_2 = choice_keys(first), choice_keys(second)
    assert len(keys_1) == len(set(keys_1)) == 40
    assert not set(keys_1) & set(keys_2)
    assert not set(keys_1) & bank_choice_ids()


def test_a_bank_choice_id_is_not_an_answer(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    right_id = str(aq.question.choices.get(is_correct=True).pk)
    data = {"positions": [str(aq.position)], f"q{aq.position}-version": "0"}
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk),
        {**data, f"q{aq.position}-choice": [right_id]},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    key = aq.correct[0]
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk),
        {**data, f"q{aq.position}-choice": [key]},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["ok"] is True
    quoted = set(re.findall(r'"(\d+)"', response.content.decode())) - {str(aq.position)}
    assert not quoted & bank_choice_ids()  # the JSON names positions, never choices
    aq.refresh_from_db()
    assert aq.response == [key]


def test_review_and_staff_pages_show_neither_keys_nor_bank_ids(
    learner_client, trainer_client, objective_exam
):
    Quiz.objects.filter(pk=objective_exam.pk).update(review_answers_immediately=True)
    attempt = start(learner_client, objective_exam)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    answers_save(attempt=attempt, answers=[AnswerInput(aq.position, 0, keys=tuple(aq.correct))])
    learner_client.post(url("attempt_submit", pk=attempt.pk))
    keys = set(choice_keys(attempt))
    for client, page in [
        (learner_client, url("attempt_result", pk=attempt.pk)),
        (trainer_client, url("staff_attempt_detail", pk=attempt.pk)),
    ]:
        html = client.get(page).content.decode()
        assert "is-right" in html, page  # the review is there…
        assert not any(key in html for key in keys), page  # …without the attempt's keys
        attributes = set(re.findall(r'(?:value|data-[a-z-]+)="(\d+)"', html))
        assert not attributes & bank_choice_ids(), page


# --- Scores like guessing ------------------------------------------------------------------------

QUESTIONS = 320


@pytest.fixture
def author_first_exam(category, trainer):
    """320 four-choice single questions, every right answer written first (A)."""
    questions = [QuestionFactory(category=category) for _ in range(QUESTIONS)]
    assert all(q.choices.order_by("sort_order").first().is_correct for q in questions)
    return quiz_with(questions, owner=trainer, slug="author-first", attempts_allowed=2)


def _score_by(quiz, learner, pick) -> D:
    attempt = attempt_start(quiz=quiz, user=learner)
    answers = [
        AnswerInput(aq.position, aq.version, keys=(pick(aq),)) for aq in attempt.questions.all()
    ]
    answers_save(attempt=attempt, answers=answers)
    return attempt_submit(attempt=attempt).percent


def test_lowest_key_and_first_shown_choice_score_like_guessing(author_first_exam, learner):
    # Each of the 320 answers is right with probability 1/4 if keys and order are random, so
    # the right count is Binomial(320, 1/4) (mean 80 = 25 %). P(≤ 32 right, i.e. ≤ 10 %) is
    # 9.4e-12 and P(≥ 144 right, i.e. ≥ 45 %) is 6.6e-15: a false failure is astronomically
    # unlikely. Today's code scores 100 % with the lowest key (ids in author order).
    lowest_key = _score_by(author_first_exam, learner, lambda aq: min(c["key"] for c in aq.choices))
    first_shown = _score_by(author_first_exam, learner, lambda aq: aq.choices[0]["key"])
    assert D("10") < lowest_key < D("45"), lowest_key
    assert D("10") < first_shown < D("45"), first_shown


# --- Shuffling and keep_choice_order -------------------------------------------------------------


def _authored(question) -> list[str]:
    return list(question.choices.order_by("sort_order").values_list("text", flat=True))


def _shown(aq) -> list[str]:
    return [c["text"] for c in aq.choices]


def test_certification_exams_shuffle_choices_unless_a_question_keeps_its_order(category, learner):
    ordered = QuestionFactory(
        category=category,
        keep_choice_order=True,
        choices=[("一次", False), ("两次", False), ("三次", False), ("以上都对", True)],
    )
    others = [QuestionFactory(category=category) for _ in range(6)]
    exam = quiz_with([ordered, *others], attempts_allowed=0, shuffle_choices=False)
    assert exam.kind == Quiz.Kind.CERTIFICATION
    shuffled = 0
    for seed in range(4):
        attempt = attempt_start(quiz=exam, user=learner, rng=random.Random(seed))
        for aq in attempt.questions.all():
            if aq.question_ref == ordered.pk:
                assert _shown(aq) == _authored(ordered)
            else:
                shuffled += _shown(aq) != _authored(aq.question)
        attempt_submit(attempt=attempt)
    assert shuffled >= 12  # of 24; an unshuffled one happens with probability 1/24 each


def test_a_practice_quiz_without_shuffling_keeps_the_authored_order(category, learner):
    questions = [QuestionFactory(category=category) for _ in range(5)]
    quiz = quiz_with(questions, kind=Quiz.Kind.PRACTICE, shuffle_choices=False)
    attempt = attempt_start(quiz=quiz, user=learner, rng=random.Random(1))
    for aq in attempt.questions.all():
        assert _shown(aq) == _authored(aq.question)

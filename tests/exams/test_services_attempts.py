"""Starting, submitting and closing attempts through the services (``services.attempts``)."""

import random
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone, translation

from exams.models import Attempt, Choice, Question, QuestionTag
from exams.services.attempts import (
    AttemptRefused,
    attempt_start,
    attempt_submit,
    close_attempt_by_id,
    close_if_overdue,
    close_overdue_attempts,
    in_progress_attempt,
)
from tests.exams.factories import (
    CategoryFactory,
    QuestionFactory,
    QuizFactory,
    answer,
    aq_at,
    by_kind,
    draw,
    quiz_with,
)

pytestmark = pytest.mark.django_db


# --- Starting ---------------------------------------------------------------------------------


def test_starting_freezes_a_snapshot_that_bank_edits_never_change(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    question = single.question
    right = question.choices.get(is_correct=True)
    wrong = question.choices.filter(is_correct=False).first()
    frozen_text, frozen_choices, frozen_correct = single.text, single.choices, single.correct

    question.text = "改过的题目"
    question.points = D("50")
    question.save()
    right.is_correct, wrong.is_correct = False, True
    right.save()
    wrong.save()
    Choice.objects.create(question=question, text="新选项", is_correct=False)

    single.refresh_from_db()
    assert (single.text, single.choices, single.correct) == (
        frozen_text,
        frozen_choices,
        frozen_correct,
    )
    assert [single.choice_refs[key] for key in single.correct] == [right.pk]
    answer(attempt, single, keys=tuple(single.correct))
    graded = attempt_submit(attempt=attempt)
    assert aq_at(graded, single.position).score == D("2.00")  # the frozen points and answer


def test_deleting_a_bank_question_keeps_the_attempt(objective_exam, learner):
    attempt = attempt_start(quiz=objective_exam, user=learner)
    attempt_submit(attempt=attempt)
    objective_exam.fixed_questions.all().delete()
    Question.objects.filter(kind=Question.Kind.TRUE_FALSE).delete()
    assert attempt.questions.count() == 3
    assert attempt.questions.filter(question__isnull=True).count() == 1


def test_resuming_returns_the_same_attempt(exam, learner):
    first = attempt_start(quiz=exam, user=learner)
    again = attempt_start(quiz=exam, user=learner)
    assert again.pk == first.pk
    assert Attempt.objects.filter(user=learner).count() == 1


def test_true_false_snapshot_and_max_score(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    tf = by_kind(attempt, Question.Kind.TRUE_FALSE)
    assert [c["key"] for c in tf.choices] == ["true", "false"]
    assert tf.correct == ["false"]
    assert attempt.max_score == D("10")  # 2 + 3 + 1 + 4


def test_shuffling_changes_positions_and_choice_order_per_attempt(category, learner, trainer):
    questions = [QuestionFactory(category=category) for _ in range(8)]
    quiz = quiz_with(questions, shuffle_questions=True, shuffle_choices=True, attempts_allowed=0)
    attempt = attempt_start(quiz=quiz, user=learner, rng=random.Random(3))
    positions = list(attempt.questions.order_by("slot").values_list("position", flat=True))
    assert sorted(positions) == list(range(1, 9))
    assert positions != list(range(1, 9))
    orders = [
        [aq.choice_refs[c["key"]] for c in aq.choices] for aq in attempt.questions.all()
    ]  # at least one question's choices are not in bank order
    bank = [[c.pk for c in q.choices.order_by("sort_order")] for q in questions]
    assert sorted(map(tuple, orders)) != sorted(map(tuple, bank))


def test_random_draws_from_a_category_and_its_subcategories_with_a_tag(learner):
    root = CategoryFactory(name="根")
    child = CategoryFactory(name="子", parent=root)
    other = CategoryFactory(name="别处")
    tag = QuestionTag.objects.get(slug="teamwork")
    tagged = [QuestionFactory(category=child) for _ in range(3)]
    QuestionFactory(category=root)  # untagged: never drawn
    elsewhere = QuestionFactory(category=other)  # another category: never drawn
    inactive = QuestionFactory(category=child, active=False)  # inactive: never drawn
    for question in [*tagged, elsewhere, inactive]:
        question.tags.add(tag)
        question.save()  # a ParentalManyToManyField is stored on save
    quiz = QuizFactory()
    draw(quiz, root, 2, tag=tag)
    attempt = attempt_start(quiz=quiz, user=learner)
    drawn = set(attempt.questions.values_list("question_ref", flat=True))
    assert len(drawn) == 2
    assert drawn <= {q.pk for q in tagged}


def test_a_draw_without_subcategories_stays_in_its_category(learner):
    root = CategoryFactory(name="根")
    child = CategoryFactory(name="子", parent=root)
    QuestionFactory(category=child)
    quiz = QuizFactory()
    draw(quiz, root, 1, include_subcategories=False)
    with pytest.raises(AttemptRefused) as refusal:
        attempt_start(quiz=quiz, user=learner)
    assert refusal.value.reason == "bank_too_small"
    assert not Attempt.objects.exists()


def test_prefer_unseen_questions_on_the_next_attempt(category, learner):
    pool = [QuestionFactory(category=category) for _ in range(4)]
    quiz = QuizFactory(attempts_allowed=3, prefer_unseen=True)
    draw(quiz, category, 2)
    first = attempt_start(quiz=quiz, user=learner, rng=random.Random(1))
    attempt_submit(attempt=first)
    second = attempt_start(quiz=quiz, user=learner, rng=random.Random(1))
    seen = set(first.questions.values_list("question_ref", flat=True))
    now_drawn = set(second.questions.values_list("question_ref", flat=True))
    assert seen.isdisjoint(now_drawn)
    attempt_submit(attempt=second)
    third = attempt_start(quiz=quiz, user=learner)  # all seen: draws from the pool
    assert set(third.questions.values_list("question_ref", flat=True)) <= {q.pk for q in pool}


def test_a_question_both_fixed_and_in_a_draw_appears_once(category, learner):
    fixed = QuestionFactory(category=category)
    QuestionFactory(category=category)
    quiz = quiz_with([fixed])
    draw(quiz, category, 1)
    attempt = attempt_start(quiz=quiz, user=learner)
    refs = list(attempt.questions.values_list("question_ref", flat=True))
    assert len(refs) == len(set(refs)) == 2


def test_an_empty_quiz_cannot_start(learner):
    with pytest.raises(AttemptRefused) as refusal:
        attempt_start(quiz=QuizFactory(), user=learner)
    assert refusal.value.reason == "no_questions"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"draft": True}, "draft"),
        ({"open_at": timezone.now() + timedelta(hours=1)}, "not_open"),
        ({"close_at": timezone.now() - timedelta(minutes=1)}, "closed"),
    ],
)
def test_refused_outside_the_window(questions, learner, fields, reason):
    quiz = quiz_with(questions[:1], **fields)
    with pytest.raises(AttemptRefused) as refusal:
        attempt_start(quiz=quiz, user=learner)
    assert refusal.value.reason == reason


def test_attempts_beyond_the_limit_are_refused(questions, learner):
    quiz = quiz_with(questions[:1], attempts_allowed=1)
    attempt_submit(attempt=attempt_start(quiz=quiz, user=learner))
    with pytest.raises(AttemptRefused) as refusal:
        attempt_start(quiz=quiz, user=learner)
    assert refusal.value.reason == "no_attempts_left"


def test_deadline_and_cutoff_are_fixed_at_start(questions, learner):
    now = timezone.now()
    quiz = quiz_with(
        questions[:1], time_limit_minutes=45, close_at=now + timedelta(minutes=30), grace_seconds=90
    )
    attempt = attempt_start(quiz=quiz, user=learner, now=now)
    assert attempt.deadline == now + timedelta(minutes=30)  # the close date comes first
    assert attempt.cutoff_at == attempt.deadline + timedelta(seconds=90)


# --- Submitting ---------------------------------------------------------------------------------


def test_submit_grades_choices_and_waits_for_the_essay(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    multiple = by_kind(attempt, Question.Kind.MULTIPLE)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    answer(attempt, single, keys=tuple(single.correct))
    right = multiple.correct
    wrong = [c["key"] for c in multiple.choices if c["key"] not in right]
    answer(attempt, multiple, keys=(right[0], wrong[0]))  # 1/2 − 1/2 = 0
    answer(attempt, essay, essay="论述")
    submitted = attempt_submit(attempt=attempt)
    assert submitted.state == Attempt.State.SUBMITTED
    assert submitted.score is None and submitted.percent is None
    assert aq_at(submitted, single.position).score == D("2.00")
    assert aq_at(submitted, multiple.position).score == D("0.00")


def test_an_empty_essay_scores_zero_without_marking(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    submitted = attempt_submit(attempt=attempt)
    assert submitted.state == Attempt.State.GRADED
    assert submitted.score == D("0.00") and submitted.passed is False


def test_submitting_twice_grades_once(objective_exam, learner):
    attempt = attempt_start(quiz=objective_exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    answer(attempt, single, keys=tuple(single.correct))
    first = attempt_submit(attempt=attempt)
    graded_at, submitted_at = first.graded_at, first.submitted_at
    second = attempt_submit(attempt=attempt, now=timezone.now() + timedelta(minutes=5))
    assert (second.graded_at, second.submitted_at) == (graded_at, submitted_at)
    assert second.score == first.score == D("2.00")
    assert second.percent == D("33.33")  # 2 of 2 + 3 + 1 points


def test_lazy_close_submits_an_overdue_attempt_with_its_saved_answers(questions, learner):
    start = timezone.now() - timedelta(hours=2)
    quiz = quiz_with(questions[:3], time_limit_minutes=45)
    attempt = attempt_start(quiz=quiz, user=learner, now=start)
    single = by_kind(attempt, Question.Kind.SINGLE)
    answer(attempt, single, keys=tuple(single.correct), now=start + timedelta(minutes=10))
    assert close_if_overdue(attempt=attempt)
    assert attempt.state == Attempt.State.GRADED and attempt.auto_submitted
    assert attempt.score == D("2.00")
    assert not close_if_overdue(attempt=attempt)  # once only


def test_resuming_after_the_deadline_starts_nothing_new(questions, learner):
    start = timezone.now() - timedelta(hours=2)
    quiz = quiz_with(questions[:1], time_limit_minutes=45, attempts_allowed=1)
    old = attempt_start(quiz=quiz, user=learner, now=start)
    assert in_progress_attempt(quiz=quiz, user=learner) is None
    old.refresh_from_db()
    assert old.state == Attempt.State.GRADED and old.auto_submitted
    with pytest.raises(AttemptRefused):
        attempt_start(quiz=quiz, user=learner)


def test_cron_closes_only_overdue_attempts(questions, learner, other_learner):
    quiz = quiz_with(questions[:1], time_limit_minutes=45)
    overdue = attempt_start(quiz=quiz, user=learner, now=timezone.now() - timedelta(hours=1))
    running = attempt_start(quiz=quiz, user=other_learner)
    assert close_overdue_attempts() == 1
    overdue.refresh_from_db()
    running.refresh_from_db()
    assert overdue.state == Attempt.State.GRADED and overdue.auto_submitted
    assert running.state == Attempt.State.IN_PROGRESS
    assert close_overdue_attempts() == 0


def test_cron_rereads_the_attempt_under_its_lock(questions, learner):
    """The cron lists candidates, then locks each one and checks it again: an attempt the
    learner submitted in between is left alone."""
    quiz = quiz_with(questions[:1], time_limit_minutes=45)
    attempt = attempt_start(quiz=quiz, user=learner, now=timezone.now() - timedelta(hours=1))
    candidates = list(
        Attempt.objects.filter(state="in_progress", cutoff_at__lt=timezone.now()).values_list(
            "pk", flat=True
        )
    )
    assert candidates == [attempt.pk]
    submitted = attempt_submit(attempt=attempt)  # the learner's own click wins
    assert close_attempt_by_id(attempt_id=attempt.pk) is False
    attempt.refresh_from_db()
    assert not attempt.auto_submitted
    assert attempt.submitted_at == submitted.submitted_at


def test_the_cron_command(questions, learner):
    from io import StringIO

    from django.core.management import call_command

    quiz = quiz_with(questions[:1], time_limit_minutes=5)
    attempt_start(quiz=quiz, user=learner, now=timezone.now() - timedelta(minutes=7))
    out = StringIO()
    call_command("close_overdue_attempts", "--json", stdout=out)
    assert out.getvalue().strip() == '{"closed": 1}'


# --- Exposure: questions whose answers a practice quiz shows stay out of the exam -------------


def knowledge_check(questions=(), **fields):
    values = {"kind": "practice", "attempts_allowed": 0, "review_answers_immediately": True}
    values.update(fields)
    return quiz_with(list(questions), **values)


def test_an_exam_never_draws_what_a_knowledge_check_shows_the_answers_of(category, learner):
    bank = [QuestionFactory(category=category) for _ in range(6)]
    knowledge_check(bank[:3])
    exam = QuizFactory(attempts_allowed=0, prefer_unseen=False)
    draw(exam, category, 3)
    for seed in range(8):
        attempt = attempt_start(quiz=exam, user=learner, rng=random.Random(seed))
        drawn = set(attempt.questions.values_list("question_ref", flat=True))
        assert drawn == {q.pk for q in bank[3:]}
        attempt_submit(attempt=attempt)


def test_a_knowledge_check_drawing_from_the_category_exposes_all_of_it(category, learner):
    [QuestionFactory(category=category) for _ in range(6)]
    draw(knowledge_check(), category, 2)
    exam = QuizFactory()
    draw(exam, category, 1)
    with pytest.raises(AttemptRefused) as refusal:
        attempt_start(quiz=exam, user=learner)
    assert refusal.value.reason == "bank_too_small"
    assert not Attempt.objects.filter(quiz=exam).exists()


def test_a_trainer_may_allow_an_exam_to_draw_exposed_questions(category, learner):
    bank = [QuestionFactory(category=category) for _ in range(6)]
    knowledge_check(bank[:3])
    exam = QuizFactory(allow_exposed_questions=True)
    draw(exam, category, 6)
    attempt = attempt_start(quiz=exam, user=learner)
    assert set(attempt.questions.values_list("question_ref", flat=True)) == {q.pk for q in bank}


def test_practice_quizzes_themselves_draw_exposed_questions(category, learner):
    bank = [QuestionFactory(category=category) for _ in range(3)]
    knowledge_check(bank)
    other_check = knowledge_check()
    draw(other_check, category, 3)
    attempt = attempt_start(quiz=other_check, user=learner)
    assert attempt.questions.count() == 3


def test_answers_shown_only_after_the_exam_closes_leave_the_questions_drawable(category, learner):
    closes = timezone.now() + timedelta(days=30)
    bank = [QuestionFactory(category=category) for _ in range(3)]
    knowledge_check(
        bank,
        review_answers_immediately=False,
        review_score_immediately=False,  # a score per attempt with unlimited attempts exposes
        close_at=closes + timedelta(days=1),
    )  # review_answers_after_close is on by default
    exam = QuizFactory(close_at=closes)
    draw(exam, category, 3)
    attempt = attempt_start(quiz=exam, user=learner)
    assert attempt.questions.count() == 3


def test_a_score_after_each_of_unlimited_attempts_exposes_like_the_answers(questions, learner):
    exam = quiz_with(questions[:2])
    knowledge_check(questions[1:2], review_answers_immediately=False, review_score_immediately=True)
    with pytest.raises(AttemptRefused) as refusal:
        attempt_start(quiz=exam, user=learner)
    assert refusal.value.reason == "questions_exposed"


def test_an_exam_whose_fixed_question_became_exposed_is_refused_clearly(questions, learner):
    exam = quiz_with(questions[:2])
    knowledge_check(questions[1:2])
    with pytest.raises(AttemptRefused) as refusal:
        attempt_start(quiz=exam, user=learner)
    assert refusal.value.reason == "questions_exposed"
    with translation.override("en"):
        assert "tell your trainer" in str(refusal.value.message)

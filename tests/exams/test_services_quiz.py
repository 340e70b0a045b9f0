"""Starting, answering, submitting and marking attempts through the services."""

import random
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core import mail
from django.utils import timezone, translation

from exams.models import Attempt, AttemptQuestion, Choice, Question, QuestionTag
from exams.services import quiz as services
from tests.exams.factories import CategoryFactory, QuestionFactory, QuizFactory, draw, quiz_with

pytestmark = pytest.mark.django_db


def aq_at(attempt, position) -> AttemptQuestion:
    return attempt.questions.get(position=position)


def by_kind(attempt, kind) -> AttemptQuestion:
    return attempt.questions.get(kind=kind)


def answer(attempt, aq, keys=None, essay=None, flagged=None, version=None, now=None):
    return services.answers_save(
        attempt=attempt,
        answers=[
            services.AnswerInput(
                position=aq.position,
                version=aq.version if version is None else version,
                keys=keys,
                essay=essay,
                flagged=flagged,
            )
        ],
        now=now,
    )


# --- Starting ---------------------------------------------------------------------------------


def test_starting_freezes_a_snapshot_that_bank_edits_never_change(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
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
    graded = services.attempt_submit(attempt=attempt)
    assert aq_at(graded, single.position).score == D("2.00")  # the frozen points and answer


def test_deleting_a_bank_question_keeps_the_attempt(objective_exam, learner):
    attempt = services.attempt_start(quiz=objective_exam, user=learner)
    services.attempt_submit(attempt=attempt)
    objective_exam.fixed_questions.all().delete()
    Question.objects.filter(kind=Question.Kind.TRUE_FALSE).delete()
    assert attempt.questions.count() == 3
    assert attempt.questions.filter(question__isnull=True).count() == 1


def test_resuming_returns_the_same_attempt(exam, learner):
    first = services.attempt_start(quiz=exam, user=learner)
    again = services.attempt_start(quiz=exam, user=learner)
    assert again.pk == first.pk
    assert Attempt.objects.filter(user=learner).count() == 1


def test_true_false_snapshot_and_max_score(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    tf = by_kind(attempt, Question.Kind.TRUE_FALSE)
    assert [c["key"] for c in tf.choices] == ["true", "false"]
    assert tf.correct == ["false"]
    assert attempt.max_score == D("10")  # 2 + 3 + 1 + 4


def test_shuffling_changes_positions_and_choice_order_per_attempt(category, learner, trainer):
    questions = [QuestionFactory(category=category) for _ in range(8)]
    quiz = quiz_with(questions, shuffle_questions=True, shuffle_choices=True, attempts_allowed=0)
    attempt = services.attempt_start(quiz=quiz, user=learner, rng=random.Random(3))
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
    attempt = services.attempt_start(quiz=quiz, user=learner)
    drawn = set(attempt.questions.values_list("question_ref", flat=True))
    assert len(drawn) == 2
    assert drawn <= {q.pk for q in tagged}


def test_a_draw_without_subcategories_stays_in_its_category(learner):
    root = CategoryFactory(name="根")
    child = CategoryFactory(name="子", parent=root)
    QuestionFactory(category=child)
    quiz = QuizFactory()
    draw(quiz, root, 1, include_subcategories=False)
    with pytest.raises(services.AttemptRefused) as refusal:
        services.attempt_start(quiz=quiz, user=learner)
    assert refusal.value.reason == "bank_too_small"
    assert not Attempt.objects.exists()


def test_prefer_unseen_questions_on_the_next_attempt(category, learner):
    pool = [QuestionFactory(category=category) for _ in range(4)]
    quiz = QuizFactory(attempts_allowed=3, prefer_unseen=True)
    draw(quiz, category, 2)
    first = services.attempt_start(quiz=quiz, user=learner, rng=random.Random(1))
    services.attempt_submit(attempt=first)
    second = services.attempt_start(quiz=quiz, user=learner, rng=random.Random(1))
    seen = set(first.questions.values_list("question_ref", flat=True))
    now_drawn = set(second.questions.values_list("question_ref", flat=True))
    assert seen.isdisjoint(now_drawn)
    services.attempt_submit(attempt=second)
    third = services.attempt_start(quiz=quiz, user=learner)  # all seen: draws from the pool
    assert set(third.questions.values_list("question_ref", flat=True)) <= {q.pk for q in pool}


def test_a_question_both_fixed_and_in_a_draw_appears_once(category, learner):
    fixed = QuestionFactory(category=category)
    QuestionFactory(category=category)
    quiz = quiz_with([fixed])
    draw(quiz, category, 1)
    attempt = services.attempt_start(quiz=quiz, user=learner)
    refs = list(attempt.questions.values_list("question_ref", flat=True))
    assert len(refs) == len(set(refs)) == 2


def test_an_empty_quiz_cannot_start(learner):
    with pytest.raises(services.AttemptRefused) as refusal:
        services.attempt_start(quiz=QuizFactory(), user=learner)
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
    with pytest.raises(services.AttemptRefused) as refusal:
        services.attempt_start(quiz=quiz, user=learner)
    assert refusal.value.reason == reason


def test_attempts_beyond_the_limit_are_refused(questions, learner):
    quiz = quiz_with(questions[:1], attempts_allowed=1)
    services.attempt_submit(attempt=services.attempt_start(quiz=quiz, user=learner))
    with pytest.raises(services.AttemptRefused) as refusal:
        services.attempt_start(quiz=quiz, user=learner)
    assert refusal.value.reason == "no_attempts_left"


def test_deadline_and_cutoff_are_fixed_at_start(questions, learner):
    now = timezone.now()
    quiz = quiz_with(
        questions[:1], time_limit_minutes=45, close_at=now + timedelta(minutes=30), grace_seconds=90
    )
    attempt = services.attempt_start(quiz=quiz, user=learner, now=now)
    assert attempt.deadline == now + timedelta(minutes=30)  # the close date comes first
    assert attempt.cutoff_at == attempt.deadline + timedelta(seconds=90)


# --- Answering --------------------------------------------------------------------------------


def test_saving_and_changing_an_answer(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    keys = [c["key"] for c in single.choices]
    result = answer(attempt, single, keys=(keys[1],))
    assert result.saved == [single.position]
    assert result.versions == {single.position: 1}
    single.refresh_from_db()
    assert single.response == [keys[1]] and single.answered_at is not None
    answer(attempt, single, keys=(keys[0],))
    single.refresh_from_db()
    assert single.response == [keys[0]] and single.version == 2


def test_a_choice_of_another_question_is_refused(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    multiple = by_kind(attempt, Question.Kind.MULTIPLE)
    foreign = multiple.choices[0]["key"]
    for bad in [(foreign,), ("999999",), ("true",)]:
        with pytest.raises(services.InvalidAnswer):
            answer(attempt, single, keys=bad)
    with pytest.raises(services.InvalidAnswer):
        answer(attempt, single, keys=(single.choices[0]["key"], single.choices[1]["key"]))
    with pytest.raises(services.InvalidAnswer):
        answer(attempt, single, essay="text for a choice question")
    single.refresh_from_db()
    assert single.response == [] and single.version == 0


def test_a_position_outside_the_attempt_is_refused(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    with pytest.raises(services.InvalidAnswer):
        services.answers_save(
            attempt=attempt, answers=[services.AnswerInput(position=99, version=0, keys=())]
        )


def test_a_stale_post_never_overwrites_a_newer_answer(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    a, b = single.choices[0]["key"], single.choices[1]["key"]
    answer(attempt, single, keys=(a,), version=0)  # tab 1 saves: version 1
    stale = answer(attempt, single, keys=(b,), version=0)  # tab 2 still shows version 0
    assert stale.conflicts == [single.position] and stale.saved == []
    single.refresh_from_db()
    assert single.response == [a] and single.version == 1


def test_a_duplicate_post_is_acknowledged_without_a_change(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    a = single.choices[0]["key"]
    answer(attempt, single, keys=(a,), version=0)
    again = answer(attempt, single, keys=(a,), version=0)  # double click
    assert again.conflicts == [] and again.saved == []
    single.refresh_from_db()
    assert single.version == 1


def test_two_tabs_answering_different_questions_lose_nothing(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    tf = by_kind(attempt, Question.Kind.TRUE_FALSE)
    # Both tabs show the whole attempt at version 0 and post every question.
    tab1 = [
        services.AnswerInput(single.position, 0, keys=(single.choices[0]["key"],)),
        services.AnswerInput(tf.position, 0, keys=()),
    ]
    tab2 = [
        services.AnswerInput(single.position, 0, keys=(single.choices[0]["key"],)),
        services.AnswerInput(tf.position, 0, keys=("true",)),
    ]
    services.answers_save(attempt=attempt, answers=tab1)
    services.answers_save(attempt=attempt, answers=tab2)
    tab1_again = [
        services.AnswerInput(single.position, 1, keys=(single.choices[1]["key"],)),
        services.AnswerInput(tf.position, 0, keys=()),  # stale and different: refused
    ]
    result = services.answers_save(attempt=attempt, answers=tab1_again)
    assert result.conflicts == [tf.position]
    single.refresh_from_db()
    tf.refresh_from_db()
    assert single.response == [single.choices[1]["key"]]
    assert tf.response == ["true"]


def test_flag_and_essay(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    answer(attempt, essay, essay="我的回答", flagged=True)
    essay.refresh_from_db()
    assert essay.essay == "我的回答" and essay.flagged and essay.is_answered
    answer(attempt, essay, flagged=False)
    essay.refresh_from_db()
    assert essay.essay == "我的回答" and not essay.flagged


def test_no_answer_after_submit(objective_exam, learner):
    attempt = services.attempt_start(quiz=objective_exam, user=learner)
    services.attempt_submit(attempt=attempt)
    single = by_kind(attempt, Question.Kind.SINGLE)
    result = answer(attempt, single, keys=(single.choices[0]["key"],))
    assert not result.accepted
    single.refresh_from_db()
    assert single.response == []


def test_answers_accepted_in_the_grace_period_and_refused_after(questions, learner):
    start = timezone.now() - timedelta(minutes=50)
    quiz = quiz_with(questions[:1], time_limit_minutes=45, grace_seconds=60)
    attempt = services.attempt_start(quiz=quiz, user=learner, now=start)
    single = aq_at(attempt, 1)
    key = single.choices[0]["key"]
    in_grace = attempt.deadline + timedelta(seconds=59)
    assert answer(attempt, single, keys=(key,), now=in_grace).accepted
    late = attempt.deadline + timedelta(seconds=61)
    single.refresh_from_db()
    assert not answer(attempt, single, keys=(), now=late).accepted
    single.refresh_from_db()
    assert single.response == [key]


# --- Submitting ---------------------------------------------------------------------------------


def test_submit_grades_choices_and_waits_for_the_essay(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    multiple = by_kind(attempt, Question.Kind.MULTIPLE)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    answer(attempt, single, keys=tuple(single.correct))
    right = multiple.correct
    wrong = [c["key"] for c in multiple.choices if c["key"] not in right]
    answer(attempt, multiple, keys=(right[0], wrong[0]))  # 1/2 − 1/2 = 0
    answer(attempt, essay, essay="论述")
    submitted = services.attempt_submit(attempt=attempt)
    assert submitted.state == Attempt.State.SUBMITTED
    assert submitted.score is None and submitted.percent is None
    assert aq_at(submitted, single.position).score == D("2.00")
    assert aq_at(submitted, multiple.position).score == D("0.00")


def test_an_empty_essay_scores_zero_without_marking(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    submitted = services.attempt_submit(attempt=attempt)
    assert submitted.state == Attempt.State.GRADED
    assert submitted.score == D("0.00") and submitted.passed is False


def test_submitting_twice_grades_once(objective_exam, learner):
    attempt = services.attempt_start(quiz=objective_exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    answer(attempt, single, keys=tuple(single.correct))
    first = services.attempt_submit(attempt=attempt)
    graded_at, submitted_at = first.graded_at, first.submitted_at
    second = services.attempt_submit(attempt=attempt, now=timezone.now() + timedelta(minutes=5))
    assert (second.graded_at, second.submitted_at) == (graded_at, submitted_at)
    assert second.score == first.score == D("2.00")
    assert second.percent == D("33.33")  # 2 of 2 + 3 + 1 points


def test_lazy_close_submits_an_overdue_attempt_with_its_saved_answers(questions, learner):
    start = timezone.now() - timedelta(hours=2)
    quiz = quiz_with(questions[:3], time_limit_minutes=45)
    attempt = services.attempt_start(quiz=quiz, user=learner, now=start)
    single = by_kind(attempt, Question.Kind.SINGLE)
    answer(attempt, single, keys=tuple(single.correct), now=start + timedelta(minutes=10))
    assert services.close_if_overdue(attempt=attempt)
    assert attempt.state == Attempt.State.GRADED and attempt.auto_submitted
    assert attempt.score == D("2.00")
    assert not services.close_if_overdue(attempt=attempt)  # once only


def test_resuming_after_the_deadline_starts_nothing_new(questions, learner):
    start = timezone.now() - timedelta(hours=2)
    quiz = quiz_with(questions[:1], time_limit_minutes=45, attempts_allowed=1)
    old = services.attempt_start(quiz=quiz, user=learner, now=start)
    assert services.in_progress_attempt(quiz=quiz, user=learner) is None
    old.refresh_from_db()
    assert old.state == Attempt.State.GRADED and old.auto_submitted
    with pytest.raises(services.AttemptRefused):
        services.attempt_start(quiz=quiz, user=learner)


def test_cron_closes_only_overdue_attempts(questions, learner, other_learner):
    quiz = quiz_with(questions[:1], time_limit_minutes=45)
    overdue = services.attempt_start(
        quiz=quiz, user=learner, now=timezone.now() - timedelta(hours=1)
    )
    running = services.attempt_start(quiz=quiz, user=other_learner)
    assert services.close_overdue_attempts() == 1
    overdue.refresh_from_db()
    running.refresh_from_db()
    assert overdue.state == Attempt.State.GRADED and overdue.auto_submitted
    assert running.state == Attempt.State.IN_PROGRESS
    assert services.close_overdue_attempts() == 0


def test_cron_rereads_the_attempt_under_its_lock(questions, learner):
    """The cron lists candidates, then locks each one and checks it again: an attempt the
    learner submitted in between is left alone."""
    quiz = quiz_with(questions[:1], time_limit_minutes=45)
    attempt = services.attempt_start(
        quiz=quiz, user=learner, now=timezone.now() - timedelta(hours=1)
    )
    candidates = list(
        Attempt.objects.filter(state="in_progress", cutoff_at__lt=timezone.now()).values_list(
            "pk", flat=True
        )
    )
    assert candidates == [attempt.pk]
    submitted = services.attempt_submit(attempt=attempt)  # the learner's own click wins
    assert services.close_attempt_by_id(attempt_id=attempt.pk) is False
    attempt.refresh_from_db()
    assert not attempt.auto_submitted
    assert attempt.submitted_at == submitted.submitted_at


def test_the_cron_command(questions, learner):
    from io import StringIO

    from django.core.management import call_command

    quiz = quiz_with(questions[:1], time_limit_minutes=5)
    services.attempt_start(quiz=quiz, user=learner, now=timezone.now() - timedelta(minutes=7))
    out = StringIO()
    call_command("close_overdue_attempts", "--json", stdout=out)
    assert out.getvalue().strip() == '{"closed": 1}'


# --- Marking ----------------------------------------------------------------------------------


def _submitted_with_essay(exam, learner):
    attempt = services.attempt_start(quiz=exam, user=learner)
    single = by_kind(attempt, Question.Kind.SINGLE)
    answer(attempt, single, keys=tuple(single.correct))
    answer(attempt, by_kind(attempt, Question.Kind.ESSAY), essay="我的论述")
    return services.attempt_submit(attempt=attempt)


def test_marking_the_last_essay_grades_and_emails(
    exam, learner, trainer, django_capture_on_commit_callbacks
):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    with django_capture_on_commit_callbacks(execute=True):
        graded = services.essay_mark(answer=essay, marker=trainer, points=D("3.5"), feedback="好")
    assert graded.state == Attempt.State.GRADED
    assert graded.score == D("5.50")  # 2 + 3.5
    assert graded.percent == D("55.00")
    assert graded.passed is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]
    assert f"/attempts/{attempt.pk}/result/" in mail.outbox[0].body


def test_marks_outside_the_range_are_refused(exam, learner, trainer):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    with pytest.raises(ValueError):
        services.essay_mark(answer=essay, marker=trainer, points=D("4.01"), feedback="")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


def test_an_essay_cannot_be_marked_before_submit(exam, learner, trainer):
    attempt = services.attempt_start(quiz=exam, user=learner)
    with pytest.raises(ValueError):
        services.essay_mark(
            answer=by_kind(attempt, Question.Kind.ESSAY), marker=trainer, points=D("1"), feedback=""
        )


def test_remarking_regrades_without_a_second_email(
    exam, learner, trainer, django_capture_on_commit_callbacks
):
    attempt = _submitted_with_essay(exam, learner)
    essay = by_kind(attempt, Question.Kind.ESSAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.essay_mark(answer=essay, marker=trainer, points=D("1"), feedback="")
        regraded = services.essay_mark(answer=essay, marker=trainer, points=D("4"), feedback="")
    assert regraded.score == D("6.00") and regraded.passed is True
    assert len(mail.outbox) == 1


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
        attempt = services.attempt_start(quiz=exam, user=learner, rng=random.Random(seed))
        drawn = set(attempt.questions.values_list("question_ref", flat=True))
        assert drawn == {q.pk for q in bank[3:]}
        services.attempt_submit(attempt=attempt)


def test_a_knowledge_check_drawing_from_the_category_exposes_all_of_it(category, learner):
    [QuestionFactory(category=category) for _ in range(6)]
    draw(knowledge_check(), category, 2)
    exam = QuizFactory()
    draw(exam, category, 1)
    with pytest.raises(services.AttemptRefused) as refusal:
        services.attempt_start(quiz=exam, user=learner)
    assert refusal.value.reason == "bank_too_small"
    assert not Attempt.objects.filter(quiz=exam).exists()


def test_a_trainer_may_allow_an_exam_to_draw_exposed_questions(category, learner):
    bank = [QuestionFactory(category=category) for _ in range(6)]
    knowledge_check(bank[:3])
    exam = QuizFactory(allow_exposed_questions=True)
    draw(exam, category, 6)
    attempt = services.attempt_start(quiz=exam, user=learner)
    assert set(attempt.questions.values_list("question_ref", flat=True)) == {q.pk for q in bank}


def test_practice_quizzes_themselves_draw_exposed_questions(category, learner):
    bank = [QuestionFactory(category=category) for _ in range(3)]
    knowledge_check(bank)
    other_check = knowledge_check()
    draw(other_check, category, 3)
    attempt = services.attempt_start(quiz=other_check, user=learner)
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
    attempt = services.attempt_start(quiz=exam, user=learner)
    assert attempt.questions.count() == 3


def test_a_score_after_each_of_unlimited_attempts_exposes_like_the_answers(questions, learner):
    exam = quiz_with(questions[:2])
    knowledge_check(questions[1:2], review_answers_immediately=False, review_score_immediately=True)
    with pytest.raises(services.AttemptRefused) as refusal:
        services.attempt_start(quiz=exam, user=learner)
    assert refusal.value.reason == "questions_exposed"


def test_an_exam_whose_fixed_question_became_exposed_is_refused_clearly(questions, learner):
    exam = quiz_with(questions[:2])
    knowledge_check(questions[1:2])
    with pytest.raises(services.AttemptRefused) as refusal:
        services.attempt_start(quiz=exam, user=learner)
    assert refusal.value.reason == "questions_exposed"
    with translation.override("en"):
        assert "tell your trainer" in str(refusal.value.message)

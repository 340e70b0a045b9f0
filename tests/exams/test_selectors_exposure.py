"""Exposure: which questions of an exam's pool other quizzes show the right answers of."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exams.models import QuestionTag, Quiz
from exams.selectors import exposure as selectors
from tests.exams.factories import CategoryFactory, QuestionFactory, QuizFactory, draw, quiz_with

pytestmark = pytest.mark.django_db


def practice(title, questions=(), **fields):
    values = {
        "kind": Quiz.Kind.PRACTICE,
        "title": title,
        "attempts_allowed": 0,
        "review_answers_immediately": True,
    }
    values.update(fields)
    return quiz_with(list(questions), **values)


@pytest.fixture
def module(db):
    return CategoryFactory(name="模块三")


@pytest.fixture
def bank(module):
    return [QuestionFactory(category=module) for _ in range(6)]


@pytest.fixture
def exam(module, bank):
    exam = QuizFactory(title="一级认证考试", close_at=timezone.now() + timedelta(days=30))
    draw(exam, module, 3)
    return exam


def test_a_practice_quiz_showing_answers_exposes_what_its_draws_can_hold(exam, module, bank):
    knowledge_check = practice("知识检测：模块三")
    draw(knowledge_check, module, 2)
    exposure = selectors.quiz_exposure(exam)
    assert exposure.pool == {q.pk for q in bank}
    assert exposure.exposed == {q.pk for q in bank}  # a random draw can show any of them
    assert [(row.quiz, row.count) for row in exposure.by_quiz] == [(knowledge_check, 6)]
    assert exposure.drawable(exclude_exposed=True) == set()


def test_fixed_questions_of_a_practice_quiz_expose_only_themselves(exam, bank):
    knowledge_check = practice("知识检测：模块三", bank[:2])
    exposure = selectors.quiz_exposure(exam)
    assert exposure.exposed == {bank[0].pk, bank[1].pk}
    assert exposure.drawable(exclude_exposed=True) == {q.pk for q in bank[2:]}
    assert exposure.drawable(exclude_exposed=False) == {q.pk for q in bank}
    assert [(row.quiz, row.count) for row in exposure.by_quiz] == [(knowledge_check, 2)]


def test_a_tagged_draw_exposes_only_tagged_questions_of_subcategories(exam, module, bank):
    child = CategoryFactory(name="鱼骨图", parent=module)
    tag = QuestionTag.objects.get(slug="teamwork")
    tagged = QuestionFactory(category=child)
    tagged.tags.add(tag)
    tagged.save()
    bank[0].tags.add(tag)
    bank[0].save()
    knowledge_check = practice("知识检测：团队协作")
    draw(knowledge_check, child, 1, tag=tag)
    exposure = selectors.quiz_exposure(exam)
    assert exposure.exposed == {tagged.pk}  # bank[0] is tagged but not in the subcategory
    assert [(row.quiz, row.count) for row in exposure.by_quiz] == [(knowledge_check, 1)]


def test_answers_shown_only_after_the_exam_closes_expose_nothing(exam, bank):
    practice(
        "考后复盘",
        bank,
        review_answers_immediately=False,
        review_score_immediately=False,  # a score after each of unlimited attempts would expose
        review_answers_after_close=True,
        close_at=exam.close_at + timedelta(days=1),
    )
    practice("从不显示答案", bank, review_answers_immediately=False, review_score_immediately=False)
    practice("只显示分数，一次机会", bank, review_answers_immediately=False, attempts_allowed=1)
    exposure = selectors.quiz_exposure(exam)
    assert exposure.exposed == set() and exposure.by_quiz == ()


def test_a_score_shown_after_each_of_several_attempts_exposes_the_questions(exam, bank):
    oracle = practice(
        "知识检测：只显示分数",
        bank[:2],
        review_answers_immediately=False,
        review_score_immediately=True,
        attempts_allowed=0,
    )
    exposure = selectors.quiz_exposure(exam)
    assert exposure.exposed == {bank[0].pk, bank[1].pk}
    assert [(row.quiz, row.count) for row in exposure.by_quiz] == [(oracle, 2)]


def test_answers_shown_after_a_quiz_that_closes_earlier_expose(exam, bank):
    early = practice(
        "期中测验",
        bank[:1],
        review_answers_immediately=False,
        review_answers_after_close=True,
        close_at=exam.close_at - timedelta(days=1),
    )
    exposure = selectors.quiz_exposure(exam)
    assert [(row.quiz, row.count) for row in exposure.by_quiz] == [(early, 1)]


def test_an_exam_does_not_expose_itself(module, bank):
    exam = QuizFactory(review_answers_immediately=True)
    draw(exam, module, 3)
    assert selectors.quiz_exposure(exam).exposed == set()


def test_shortfalls_name_the_draw_that_exposure_leaves_too_small(exam, module, bank):
    practice("知识检测：模块三", bank[:4])
    exposure = selectors.quiz_exposure(exam)
    [shortfall] = selectors.pool_shortfalls(exposure, exclude_exposed=True)
    assert (shortfall.needed, shortfall.available, shortfall.exposed) == (3, 2, 4)
    assert selectors.pool_shortfalls(exposure, exclude_exposed=False) == []


def test_exposure_takes_the_same_queries_for_many_quizzes(
    exam, module, bank, django_assert_max_num_queries
):
    def exposing(n):
        for i in range(n):
            quiz = practice(f"测验 {len(bank)}-{i}", bank[i % 6 : i % 6 + 1])
            draw(quiz, module, 1, tag=QuestionTag.objects.get(slug="teamwork"))

    exposing(2)
    with django_assert_max_num_queries(7) as few:
        selectors.quiz_exposure(exam)
    exposing(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(selectors.quiz_exposure(exam).by_quiz) == 22


def test_the_exams_a_quiz_would_expose_take_the_same_queries_for_many_exams(
    module, bank, django_assert_max_num_queries
):
    check = practice("知识检测：模块三", bank[:2], draft=True)
    later = timezone.now() + timedelta(days=30)

    def exams(n):
        for i in range(n):
            exam = quiz_with(bank[i % 6 : i % 6 + 1], title=f"认证 {i}", close_at=later)
            draw(exam, module, 2)

    exams(2)
    fixed_ids = [q.pk for q in bank[:2]]
    with django_assert_max_num_queries(8) as few:
        rows = selectors.exams_exposed_by(check, fixed_ids=fixed_ids, draws=[])
    assert [row.after.exposed & {q.pk for q in bank[:2]} for row in rows] == [
        {bank[0].pk, bank[1].pk}
    ] * 2
    exams(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(selectors.exams_exposed_by(check, fixed_ids=fixed_ids, draws=[])) == 22

"""The result page's points by module (category) and by question type (issue 14), shown only
when the learner may see the score.

The exam: module 1 has a single-choice question of 2 points (answered right) and a
multiple-choice question of 3 points (answered wrong); module 2 a single-choice question of
5 points (answered right); both modules sit in the category "售后课程", and the page names
them without it, in the page's language. By module: 2 / 5 (40 %) and 5 / 5 (100 %); by type:
single choice 7 / 7 (100 %), multiple choice 0 / 3 (0 %); in all 7 / 10 (70 %).
"""

import re
from decimal import Decimal as D

import pytest
from django.test import Client

from exams.models import Question, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(trainer):
    course = CategoryFactory(name="售后课程", name_en="After-sales course")
    # "售后课程/模块一 设备基础", "After-sales course/Module 1 Equipment basics"
    first = CategoryFactory(
        name="模块一 设备基础", name_en="Module 1 Equipment basics", parent=course
    )
    second = CategoryFactory(name="模块二 故障诊断", name_en="Module 2 Diagnosis", parent=course)
    questions = [
        QuestionFactory(category=first, points=D("2")),
        QuestionFactory(category=first, kind=Question.Kind.MULTIPLE, points=D("3")),
        QuestionFactory(category=second, points=D("5")),
    ]
    return quiz_with(questions, owner=trainer, slug="exam", title="认证考试")


@pytest.fixture
def attempt(exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    answers = [
        AnswerInput(aq.position, 0, keys=() if aq.kind == "multiple" else tuple(aq.correct))
        for aq in attempt.questions.all()
    ]
    answers_save(attempt=attempt, answers=answers)
    attempt = attempt_submit(attempt=attempt)
    assert (attempt.state, attempt.score, attempt.percent) == ("graded", D("7.00"), D("70.00"))
    return attempt


def english(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["lms_language"] = "en"
    return client


def rows(html, testid):
    table = html.split(f'data-testid="{testid}"')[1].split("</table>")[0]
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table.split("<tbody>")[1])
    return [cells[i : i + 3] for i in range(0, len(cells), 3)]


def test_the_result_shows_points_by_module_and_by_question_type(attempt, learner):
    html = english(learner).get(url("attempt_result", pk=attempt.pk)).content.decode()
    assert rows(html, "points-by-category") == [
        ["Module 1 Equipment basics", "2 / 5", "40%"],
        ["Module 2 Diagnosis", "5 / 5", "100%"],
    ]
    assert rows(html, "points-by-kind") == [
        ["Single choice", "7 / 7", "100%"],
        ["Multiple choice", "0 / 3", "0%"],
    ]


def test_the_chinese_result_names_the_modules_in_chinese(attempt, learner):
    client = Client()
    client.force_login(learner)
    client.cookies["lms_language"] = "zh-hans"
    html = client.get(url("attempt_result", pk=attempt.pk)).content.decode()
    assert rows(html, "points-by-category") == [
        ["模块一 设备基础", "2 / 5", "40%"],
        ["模块二 故障诊断", "5 / 5", "100%"],
    ]


def test_no_breakdown_when_the_score_is_hidden(exam, attempt, learner):
    Quiz.objects.filter(pk=exam.pk).update(review_score_immediately=False)
    html = english(learner).get(url("attempt_result", pk=attempt.pk)).content.decode()
    assert "points-by-category" not in html and "points-by-kind" not in html
    assert "模块一" not in html and "Module 1" not in html
    assert "/ 5" not in html and "points-breakdown" not in html


def test_no_breakdown_while_an_essay_awaits_marking(trainer, learner):
    category = CategoryFactory(name="模块三 报告")
    questions = [
        QuestionFactory(category=category, points=D("2")),
        QuestionFactory(category=category, kind=Question.Kind.ESSAY, points=D("4")),
    ]
    quiz = quiz_with(questions, owner=trainer, slug="essay-exam")
    attempt = attempt_start(quiz=quiz, user=learner)
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    answers_save(attempt=attempt, answers=[AnswerInput(essay.position, 0, essay="先查报警记录。")])
    attempt = attempt_submit(attempt=attempt)
    assert attempt.state == "submitted"
    html = english(learner).get(url("attempt_result", pk=attempt.pk)).content.decode()
    assert "points-by-category" not in html

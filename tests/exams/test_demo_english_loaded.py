"""The demo bank and quizzes take their English texts from ``exams.demo_en.EN`` (issue 14):
each ``_en`` field is ``EN.get(chinese, "")``, set when the demo creates the object or finds it
still without English, and a second run changes nothing."""

import io

import pytest

from exams import demo
from exams.demo_en import EN
from exams.models import AttemptQuestion, Choice, Question, QuestionCategory, Quiz

pytestmark = pytest.mark.django_db

QUESTION = "对售后工程师进行考核的首要目的是什么？"
CHOICE = "提升售后工程师的专业技能水平"
EXPLANATION = "考核促使售后工程师不断提升自身专业技能水平，以更好地服务客户。"


def load():
    demo.load(password="demo", stdout=io.StringIO())


def test_the_loaded_demo_is_complete_in_english():
    load()
    question = Question.objects.get(text=QUESTION)
    assert question.text_en == EN[QUESTION]
    assert question.explanation_en == EN[EXPLANATION]
    assert Choice.objects.get(question=question, text=CHOICE).text_en == EN[CHOICE]
    assert not Question.objects.filter(text_en="").exists()
    assert not Question.objects.exclude(explanation="").filter(explanation_en="").exists()
    assert not Choice.objects.filter(text_en="").exists()
    assert not Quiz.objects.filter(title_en="").exists()
    assert not Quiz.objects.exclude(fail_text="").filter(fail_text_en="").exists()
    assert not QuestionCategory.objects.filter(full_name_en="").exists()
    assert question.category.full_name_en.startswith(EN[demo.ROOT] + "/")


def test_a_second_run_adds_english_to_the_demo_already_loaded_and_changes_nothing_else(
    monkeypatch,
):
    monkeypatch.setattr(demo, "EN", {})
    load()
    assert Question.objects.get(text=QUESTION).text_en == ""
    counts = (Question.objects.count(), Choice.objects.count(), AttemptQuestion.objects.count())
    monkeypatch.setattr(demo, "EN", EN)
    load()
    load()
    assert Question.objects.get(text=QUESTION).text_en == EN[QUESTION]
    assert Choice.objects.get(text=CHOICE).text_en == EN[CHOICE]
    assert counts == (
        Question.objects.count(),
        Choice.objects.count(),
        AttemptQuestion.objects.count(),
    )

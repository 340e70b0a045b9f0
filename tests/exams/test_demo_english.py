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


@pytest.fixture
def english_texts(monkeypatch):
    texts = {
        demo.ROOT: "After-sales engineer assessment course",
        demo.MODULES[0][0]: "01 Introduction",
        QUESTION: "What is the main purpose of assessing after-sales engineers?",
        CHOICE: "Raising the engineers' professional skills",
        EXPLANATION: "Assessment pushes engineers to keep improving their skills.",
        "售后工程师一级认证考试": "After-sales Engineer Level 1 Certification Exam",
        "建议回到课程复习本模块后再试一次。": "Go back to the course and try again.",
    }
    for chinese, english in texts.items():
        monkeypatch.setitem(EN, chinese, english)
    return texts


def load():
    demo.load(password="demo", stdout=io.StringIO())


def test_the_demo_sets_english_texts_from_the_translation_table(english_texts):
    load()
    question = Question.objects.get(text=QUESTION)
    assert question.text_en == english_texts[QUESTION]
    assert question.explanation_en == english_texts[EXPLANATION]
    assert Choice.objects.get(question=question, text=CHOICE).text_en == english_texts[CHOICE]
    assert question.category.full_name_en == (
        "After-sales engineer assessment course/01 Introduction"
    )
    exam = Quiz.objects.get(slug=demo.CERTIFICATION_SLUG)
    assert exam.title_en == "After-sales Engineer Level 1 Certification Exam"
    assert Quiz.objects.get(slug="kc-module-1").fail_text_en.startswith("Go back to the course")
    # A text the table lacks stays without English (shown marked "Chinese only").
    assert Quiz.objects.get(slug="kc-module-1").title_en == ""
    assert QuestionCategory.objects.get(name=demo.ESSAYS).full_name_en == ""


def test_a_second_run_adds_english_to_the_demo_already_loaded_and_changes_nothing_else(
    monkeypatch, english_texts
):
    monkeypatch.setattr(demo, "EN", {})
    load()
    assert Question.objects.get(text=QUESTION).text_en == ""
    counts = (Question.objects.count(), Choice.objects.count(), AttemptQuestion.objects.count())
    monkeypatch.setattr(demo, "EN", EN)
    load()
    load()
    assert Question.objects.get(text=QUESTION).text_en == english_texts[QUESTION]
    assert Choice.objects.get(text=CHOICE).text_en == english_texts[CHOICE]
    assert counts == (
        Question.objects.count(),
        Choice.objects.count(),
        AttemptQuestion.objects.count(),
    )

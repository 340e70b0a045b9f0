"""Authoring in both languages (issue 14): the CMS forms of questions (with their choices),
categories, tags and quizzes take the Chinese and the English text side by side, and the
lists say which items still lack English."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from exams.models import Question, QuestionCategory, QuestionTag, Quiz
from tests.exams.factories import CategoryFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_exams_{model}:{action}", args=args)


@pytest.fixture
def english_admin(trainer):
    """The trainer's CMS in English (Wagtail follows the user's admin language)."""
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "en"
    profile.save()


def english_cell(html: str, text: str) -> str:
    """The "English" cell of the list row that names ``text``."""
    row = next(row for row in html.split("<tr")[1:] if text in row)
    return re.sub(r"\s+", " ", re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)[-1]).strip()


def question_form(category) -> dict:
    data = {
        "category": category.pk,
        "kind": "single",
        "points": "2",
        "text": "设备报警时首先应做什么？",
        "text_en": "What do you do first when a machine alarms?",
        "scoring": "all_or_nothing",
        "true_false_answer": "on",
        "explanation": "先查看报警记录。",
        "explanation_en": "Read the alarm log first.",
        "active": "on",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    choices = [("查看报警记录", "Read the alarm log", True), ("重启设备", "Restart it", False)]
    for i, (text, text_en, correct) in enumerate(choices):
        data |= {
            f"choices-{i}-text": text,
            f"choices-{i}-text_en": text_en,
            f"choices-{i}-ORDER": str(i + 1),
            f"choices-{i}-id": "",
            f"choices-{i}-DELETE": "",
        }
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
    return data


def bilingual_rows(html: str) -> list[str]:
    """The HTML of each side-by-side (``bilingual_panel``) row of a CMS form."""
    return [chunk for chunk in html.split('class="w-panel ')[1:] if chunk.startswith("bilingual")]


def test_the_question_form_shows_both_texts_side_by_side(trainer_client):
    html = trainer_client.get(snippet_url("question", "add")).content.decode()
    rows = bilingual_rows(html)
    for name in ("text", "explanation"):
        assert any(f'name="{name}"' in row and f'name="{name}_en"' in row for row in rows)
    assert 'name="choices-__prefix__-text_en"' in html


def test_a_question_is_saved_with_both_texts_and_its_choices(trainer_client):
    category = CategoryFactory(name="模块")
    response = trainer_client.post(snippet_url("question", "add"), question_form(category))
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert question.text_en == "What do you do first when a machine alarms?"
    assert question.explanation_en == "Read the alarm log first."
    assert sorted(question.choices.values_list("text", "text_en")) == [
        ("查看报警记录", "Read the alarm log"),
        ("重启设备", "Restart it"),
    ]


def test_the_question_list_flags_missing_english(trainer_client, english_admin):
    category = CategoryFactory(name="模块")
    QuestionFactory(
        category=category,
        text="有英文的题目",
        text_en="Translated",
        explanation="",
        choices=[("甲", True, "A"), ("乙", False, "B")],
    )
    QuestionFactory(category=category, text="选项缺英文的题目", text_en="No", explanation="")
    QuestionFactory(category=category, text="没有英文的题目", explanation="解析")
    html = trainer_client.get(snippet_url("question", "list")).content.decode()
    # The English CMS lists a question by its English text, or its Chinese one without it.
    assert english_cell(html, "Translated") == "English complete"
    assert english_cell(html, ">No<") == "English missing: choices"
    assert english_cell(html, "没有英文的题目") == "English missing: question, explanation, choices"


def test_quiz_category_and_tag_lists_flag_missing_english(trainer_client, trainer, english_admin):
    QuizFactory(title="没有英文的测验", description="说明", owner=trainer)
    QuizFactory(title="双语测验", title_en="Bilingual check", owner=trainer)
    CategoryFactory(name="无英文分类")
    QuestionTag.objects.create(slug="plc", name="可编程控制器")
    quizzes = trainer_client.get(snippet_url("quiz", "list")).content.decode()
    categories = trainer_client.get(snippet_url("questioncategory", "list")).content.decode()
    tags = trainer_client.get(snippet_url("questiontag", "list")).content.decode()
    assert english_cell(quizzes, "没有英文的测验") == "English missing: title, instructions"
    assert english_cell(quizzes, "Bilingual check") == "English complete"
    assert english_cell(categories, "无英文分类") == "English missing: name"
    assert english_cell(tags, "可编程控制器") == "English missing: name"


def test_quiz_category_and_tag_forms_save_both_texts(trainer_client, trainer):
    response = trainer_client.post(
        snippet_url("questioncategory", "add"),
        {"name": "模块一", "name_en": "Module 1", "parent": "", "description": ""},
    )
    assert response.status_code == 302
    assert QuestionCategory.objects.get().full_name_en == "Module 1"
    response = trainer_client.post(
        snippet_url("questiontag", "add"),
        {"name": "可编程控制器", "name_en": "PLC", "slug": "plc"},
    )
    assert response.status_code == 302
    assert QuestionTag.objects.get(slug="plc").name_en == "PLC"
    quiz = QuizFactory(title="测验", owner=trainer, draft=True)
    html = trainer_client.get(snippet_url("quiz", "edit", quiz.pk)).content.decode()
    rows = bilingual_rows(html)
    for name in ("title", "description", "success_text", "fail_text"):
        assert any(f'name="{name}"' in row and f'name="{name}_en"' in row for row in rows)
    assert Quiz.objects.filter(title_en="").exists()


def test_an_english_category_name_cannot_hold_the_path_separator(db):
    from django.core.exceptions import ValidationError

    category = QuestionCategory(name="模块", name_en="Install/Commission")
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "name_en" in error.value.message_dict


def test_the_english_lists_name_quizzes_in_english_and_show_yes_no_not_true(
    trainer_client, trainer, english_admin
):
    QuizFactory(title="双语测验", title_en="Bilingual check", owner=trainer, draft=True)
    QuestionFactory(text="一道题", text_en="A question")
    quizzes = trainer_client.get(snippet_url("quiz", "list")).content.decode()
    questions = trainer_client.get(snippet_url("question", "list")).content.decode()
    assert "Bilingual check" in quizzes and "双语测验" not in quizzes
    for html in (quizzes, questions):
        assert not re.search(r">\s*(True|False)\s*<", html)
        assert "icon-check" in html

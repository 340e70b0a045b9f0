"""Quizzes in both languages (issue 14): an attempt freezes the Chinese and the English texts
of its questions, choices, explanations and modules, and every page shows them in its own
language; a text without English shows the Chinese one marked "Chinese only" on English pages
and never a mark on Chinese pages.

The quiz: one single-choice question of module "模块一 设备基础" (English "Module 1 Equipment
basics") in the course "售后课程" ("After-sales course"), with both texts everywhere; answers and
explanations are shown right after submitting.
"""

import importlib
import re

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client

from exams.models import Attempt, AttemptQuestion, Question, QuestionCategory, QuestionTag, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from exams.services.bank import ensure_dimension_tags
from exams.services.marking import essay_mark
from tests.exams.factories import CategoryFactory, QuestionFactory, quiz_with, start, url

pytestmark = pytest.mark.django_db

CHINESE_TEXTS = ["设备报警时首先应做什么？", "查看报警记录", "重启设备", "先查看报警记录", "模块一"]
ENGLISH_TEXTS = [
    "What do you do first when a machine alarms?",
    "Read the alarm log",
    "Restart the machine",
    "Read the alarm log first, then decide.",
    "Module 1 Equipment basics",
]
CJK = re.compile(r"[\u3400-\u9fff]")


def client_in(user, language) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["lms_language"] = language
    return client


def page(client, name, **kwargs) -> str:
    response = client.get(url(name, **kwargs))
    assert response.status_code == 200, response
    return response.content.decode()


def content(html: str) -> str:
    """The page's main content without what users typed or are called (``translate="no"``)."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r'<(\w+)[^>]*translate="no"[^>]*>.*?</\1>', "", main, flags=re.S)


@pytest.fixture
def module(db):
    course = CategoryFactory(name="售后课程", name_en="After-sales course")
    return CategoryFactory(
        name="模块一 设备基础", name_en="Module 1 Equipment basics", parent=course
    )


@pytest.fixture
def quiz(module, trainer):
    question = QuestionFactory(
        category=module,
        text="设备报警时首先应做什么？",
        text_en="What do you do first when a machine alarms?",
        explanation="先查看报警记录，再做判断。",
        explanation_en="Read the alarm log first, then decide.",
        choices=[
            ("查看报警记录", True, "Read the alarm log"),
            ("重启设备", False, "Restart the machine"),
        ],
    )
    return quiz_with(
        [question],
        owner=trainer,
        slug="bilingual",
        title="双语测验",
        title_en="Bilingual check",
        description="请认真作答。",
        description_en="Answer carefully.",
        success_text="很好！你已掌握本模块的要点。",
        success_text_en="Well done! You know the essentials of this module.",
        fail_text="建议回到课程复习本模块后再试一次。",
        fail_text_en="Go back to the course and try again.",
        review_answers_immediately=True,
        review_explanations_immediately=True,
    )


def answer_right_and_submit(attempt: Attempt) -> Attempt:
    answers = [
        AnswerInput(aq.position, 0, keys=tuple(aq.correct), essay="先查报警记录。")
        if aq.kind == "essay"
        else AnswerInput(aq.position, 0, keys=tuple(aq.correct))
        for aq in attempt.questions.all()
    ]
    answers_save(attempt=attempt, answers=answers)
    return attempt_submit(attempt=attempt)


def assert_reads_in(html: str, present: list[str], absent: list[str]):
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html
    assert "Chinese only" not in html and 'class="untranslated"' not in html


def test_an_attempt_started_on_a_chinese_page_reads_in_english_on_an_english_page(quiz, learner):
    attempt = start(client_in(learner, "zh-hans"), quiz)
    english = client_in(learner, "en")
    html = content(page(english, "attempt_page", pk=attempt.pk, page=1))
    assert_reads_in(html, ENGLISH_TEXTS[:3] + ["Bilingual check"], CHINESE_TEXTS + ["双语测验"])
    assert not CJK.search(html)

    answer_right_and_submit(attempt)
    result = content(page(english, "attempt_result", pk=attempt.pk))
    assert_reads_in(result, ENGLISH_TEXTS + ["Well done!"], CHINESE_TEXTS + ["很好"])
    assert not CJK.search(result)
    breakdown = result.split('data-testid="points-by-category"')[1].split("</table>")[0]
    assert "Module 1 Equipment basics" in breakdown


def test_an_attempt_started_on_an_english_page_reads_in_chinese_on_a_chinese_page(quiz, learner):
    attempt = start(client_in(learner, "en"), quiz)
    chinese = client_in(learner, "zh-hans")
    html = content(page(chinese, "attempt_page", pk=attempt.pk, page=1))
    assert_reads_in(html, CHINESE_TEXTS[:3] + ["双语测验"], ENGLISH_TEXTS + ["Bilingual check"])

    answer_right_and_submit(attempt)
    result = content(page(chinese, "attempt_result", pk=attempt.pk))
    assert_reads_in(result, CHINESE_TEXTS + ["很好！你已掌握"], ENGLISH_TEXTS + ["Well done!"])


def test_the_quiz_list_and_detail_follow_the_page_language(quiz, learner):
    english = client_in(learner, "en")
    assert "Bilingual check" in page(english, "quiz_list")
    detail = content(page(english, "quiz_detail", slug=quiz.slug))
    assert_reads_in(detail, ["Bilingual check", "Answer carefully."], ["双语测验", "请认真作答"])
    chinese = content(page(client_in(learner, "zh-hans"), "quiz_detail", slug=quiz.slug))
    assert_reads_in(chinese, ["双语测验", "请认真作答。"], ["Bilingual check", "Answer carefully."])


def test_a_question_without_english_is_marked_chinese_only_on_english_pages_only(trainer, learner):
    untranslated = QuestionFactory(
        category=CategoryFactory(name="模块二"),
        text="只有中文的题目",
        explanation="只有中文的解析",
        choices=[("只有中文甲", True), ("只有中文乙", False)],
    )
    quiz = quiz_with(
        [untranslated],
        owner=trainer,
        slug="zh-only",
        review_answers_immediately=True,
        review_explanations_immediately=True,
    )
    attempt = answer_right_and_submit(attempt_start(quiz=quiz, user=learner))
    english = page(client_in(learner, "en"), "attempt_result", pk=attempt.pk)
    for text in ("只有中文的题目", "只有中文的解析", "只有中文甲", "模块二"):
        marked = rf'<(span|div) lang="zh-Hans" class="untranslated">(<p>)?{text}'
        assert re.search(marked, english), text
    assert english.count("Chinese only") >= 4
    chinese = page(client_in(learner, "zh-hans"), "attempt_result", pk=attempt.pk)
    assert "只有中文的题目" in chinese
    assert "untranslated" not in chinese
    assert "Chinese only" not in chinese and "仅中文" not in chinese


def test_an_old_snapshot_without_english_falls_back_visibly(quiz, learner):
    attempt = attempt_start(quiz=quiz, user=learner)
    aq = attempt.questions.get()
    AttemptQuestion.objects.filter(pk=aq.pk).update(
        text_en="",
        category_name_en="",
        choices=[{"key": c["key"], "text": c["text"]} for c in aq.choices],  # before issue 14
    )
    html = content(page(client_in(learner, "en"), "attempt_page", pk=attempt.pk, page=1))
    assert 'class="untranslated">设备报警时首先应做什么？' in html.replace("<p>", "")
    assert '<span lang="zh-Hans" class="untranslated">查看报警记录</span>' in html


def test_the_snapshot_freezes_both_texts_and_keeps_choice_keys_opaque(quiz, learner):
    attempt = attempt_start(quiz=quiz, user=learner)
    aq = attempt.questions.get()
    assert (aq.text, aq.text_en) == ("设备报警时首先应做什么？", ENGLISH_TEXTS[0])
    assert (aq.explanation_en, aq.category_name, aq.category_name_en) == (
        "Read the alarm log first, then decide.",
        "售后课程/模块一 设备基础",
        "After-sales course/Module 1 Equipment basics",
    )
    assert all(set(choice) == {"key", "text", "text_en"} for choice in aq.choices)
    assert {c["text_en"] for c in aq.choices} == {"Read the alarm log", "Restart the machine"}
    Question.objects.update(text_en="Changed later")
    page_html = page(client_in(learner, "en"), "attempt_page", pk=attempt.pk, page=1)
    assert ENGLISH_TEXTS[0] in page_html and "Changed later" not in page_html


def test_a_category_path_is_english_only_when_every_part_has_english(db):
    course = CategoryFactory(name="课程")
    module = CategoryFactory(name="模块一", name_en="Module 1", parent=course)
    assert module.full_name_en == ""  # never a mixed "课程/Module 1"
    course.name_en = "Course"
    course.save()
    module.refresh_from_db()
    assert module.full_name_en == "Course/Module 1"


def test_the_breakdown_marks_a_module_without_english(trainer, learner):
    question = QuestionFactory(category=CategoryFactory(name="模块三"), text_en="Q", points=2)
    quiz = quiz_with([question], owner=trainer, slug="module-zh")
    attempt = answer_right_and_submit(attempt_start(quiz=quiz, user=learner))
    html = page(client_in(learner, "en"), "attempt_result", pk=attempt.pk)
    breakdown = html.split('data-testid="points-by-category"')[1].split("</table>")[0]
    assert '<span lang="zh-Hans" class="untranslated">模块三</span>' in breakdown


def test_dimension_tags_have_both_names_whatever_the_active_language(db, english):
    QuestionTag.objects.filter(is_dimension=True).delete()
    ensure_dimension_tags()
    tag = QuestionTag.objects.get(slug="technical_ability")
    assert (tag.name_en, tag.is_dimension) == ("Technical ability", True)
    assert CJK.search(tag.name)  # the Chinese name from the catalog, not the English msgid


def test_the_graded_email_names_the_quiz_in_the_recipients_language(
    quiz, learner, trainer, django_capture_on_commit_callbacks
):
    learner.language = "en"
    learner.save(update_fields=["language"])
    essay = QuestionFactory(category=quiz.fixed_questions.get().question.category, kind="essay")
    quiz.fixed_questions.create(question=essay, sort_order=1)
    attempt = answer_right_and_submit(attempt_start(quiz=quiz, user=learner))
    with django_capture_on_commit_callbacks(execute=True):
        essay_mark(
            answer=attempt.questions.get(kind="essay"),
            marker=trainer,
            points=essay.points,
            feedback="",
        )
    (message,) = mail.outbox
    assert "Bilingual check" in message.subject and "Bilingual check" in message.body
    assert "双语测验" not in message.subject + message.body


def test_staff_pages_show_quiz_and_question_texts_in_english(quiz, learner, trainer):
    attempt = answer_right_and_submit(attempt_start(quiz=quiz, user=learner))
    english = client_in(trainer, "en")
    assert "Bilingual check" in content(page(english, "staff_quiz_list"))
    results = content(page(english, "staff_quiz_results", slug=quiz.slug))
    assert "Bilingual check" in results and not CJK.search(results)
    analysis = content(page(english, "staff_item_analysis", slug=quiz.slug))
    assert_reads_in(analysis, ENGLISH_TEXTS[:3], CHINESE_TEXTS)
    detail = content(page(english, "staff_attempt_detail", pk=attempt.pk))
    assert_reads_in(detail, ENGLISH_TEXTS[:4], CHINESE_TEXTS)


def test_the_learner_dashboard_lists_exams_in_english(quiz, learner):
    Quiz.objects.filter(pk=quiz.pk).update(kind=Quiz.Kind.CERTIFICATION)
    html = client_in(learner, "en").get("/dashboard/learner/").content.decode()
    panel = html.split('data-testid="panel-my-exams"')[1].split("</section>")[0]
    assert "Bilingual check" in panel and "双语测验" not in panel


def test_the_migration_clears_english_paths_copied_from_chinese(db):
    from django.apps import apps

    migration = importlib.import_module("exams.migrations.0003_english_category_paths")
    course = CategoryFactory(name="课程", name_en="Course")
    translated = CategoryFactory(name="模块一", name_en="Module 1", parent=course)
    untranslated = CategoryFactory(name="模块二", parent=course)
    orphan = CategoryFactory(name="模块三", name_en="Module 3", parent=CategoryFactory(name="旧"))
    QuestionCategory.objects.update(full_name_en=F("full_name"))  # what migration 0002 did
    migration.english_paths(apps, None)
    paths = dict(QuestionCategory.objects.values_list("name", "full_name_en"))
    assert paths[translated.name] == "Course/Module 1"
    assert paths[untranslated.name] == paths[orphan.name] == paths["旧"] == ""

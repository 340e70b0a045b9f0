"""The question bank and quizzes in the Wagtail admin, and the import/export views."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exams.models import Question, Quiz
from tests.exams.factories import CategoryFactory, quiz_with
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_exams_{model}:{action}", args=args)


def test_trainer_opens_the_bank_and_quiz_lists(trainer_client, exam):
    for model in ("question", "questioncategory", "questiontag", "quiz"):
        response = trainer_client.get(snippet_url(model, "list"))
        assert response.status_code == 200, model
    assert trainer_client.get(snippet_url("quiz", "edit", exam.pk)).status_code == 200
    assert trainer_client.get(snippet_url("question", "add")).status_code == 200


def _question_form(category, kind, choices):
    data = {
        "category": category.pk,
        "kind": kind,
        "points": "2",
        "text": "新题目",
        "scoring": "all_or_nothing",
        "true_false_answer": "on",
        "explanation": "",
        "active": "on",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for i, (text, correct) in enumerate(choices):
        data[f"choices-{i}-text"] = text
        data[f"choices-{i}-ORDER"] = str(i + 1)
        data[f"choices-{i}-id"] = ""
        data[f"choices-{i}-DELETE"] = ""
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
    return data


def test_a_single_choice_question_needs_exactly_one_right_answer(trainer_client):
    category = CategoryFactory(name="模块")
    bad = _question_form(category, "single", [("甲", True), ("乙", True)])
    response = trainer_client.post(snippet_url("question", "add"), bad)
    assert response.status_code == 200
    assert not Question.objects.exists()
    good = _question_form(category, "single", [("甲", True), ("乙", False)])
    response = trainer_client.post(snippet_url("question", "add"), good)
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get()
    assert [c.is_correct for c in question.choices.order_by("sort_order")] == [True, False]


def test_the_question_editor_sets_keep_choice_order(trainer_client):
    page = trainer_client.get(snippet_url("question", "add")).content.decode()
    assert 'name="keep_choice_order"' in page
    category = CategoryFactory(name="模块")
    choices = [("及时回访", False), ("记录工单", False), ("以上都对", True)]
    data = {**_question_form(category, "single", choices), "keep_choice_order": "on"}
    response = trainer_client.post(snippet_url("question", "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Question.objects.get().keep_choice_order is True


def test_an_essay_takes_no_choices(trainer_client):
    category = CategoryFactory(name="模块")
    data = _question_form(category, "essay", [("甲", True)])
    trainer_client.post(snippet_url("question", "add"), data)
    assert not Question.objects.exists()


def test_a_trainer_only_lists_and_edits_quizzes_they_may_see(
    trainer_client, exam, other_trainer, questions
):
    foreign = quiz_with(questions[:1], owner=other_trainer, slug="foreign", title="别人的考试")
    page = trainer_client.get(snippet_url("quiz", "list")).content.decode()
    assert "认证考试" in page and "别人的考试" not in page
    assert trainer_client.get(snippet_url("quiz", "edit", foreign.pk)).status_code in (302, 403)
    response = trainer_client.post(snippet_url("quiz", "delete", foreign.pk))
    assert response.status_code in (302, 403)
    assert Quiz.objects.filter(pk=foreign.pk).exists()


def test_administrators_edit_every_quiz(client, exam):
    client.force_login(AdministratorFactory())
    assert client.get(snippet_url("quiz", "edit", exam.pk)).status_code == 200


def test_a_new_quiz_belongs_to_its_creator(trainer_client, trainer):
    response = trainer_client.get(snippet_url("quiz", "add"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["owner"].initial == trainer.pk


def test_import_view_reports_problems_and_imports_nothing(trainer_client):
    upload = SimpleUploadedFile("bank.gift", b"::A:: ok {=a ~b}\n\n::B:: {#2}\n")
    response = trainer_client.post(
        reverse("exams_question_import"), {"file": upload, "category": "后台"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-problems"' in page
    assert not Question.objects.exists()


def test_import_view_imports_and_export_view_downloads(trainer_client):
    upload = SimpleUploadedFile("bank.gift", "::A:: 题目 {=对 ~错}\n".encode())
    response = trainer_client.post(
        reverse("exams_question_import"), {"file": upload, "category": "后台"}
    )
    assert response.status_code == 302
    assert Question.objects.get().category.full_name == "后台"
    download = trainer_client.get(reverse("exams_question_export"), {"format": "csv"})
    assert download["Content-Disposition"] == 'attachment; filename="questions.csv"'
    assert "题目" in download.content.decode("utf-8-sig")


def test_learners_cannot_import(learner_client):
    assert learner_client.get(reverse("exams_question_import")).status_code in (302, 403)

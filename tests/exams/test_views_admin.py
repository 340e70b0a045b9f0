"""The question bank and quizzes in the Wagtail admin, and the import/export views."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exams.models import Question, Quiz, QuizDraw
from tests.exams.factories import CategoryFactory, QuestionFactory, QuizFactory, quiz_with
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


# --- Exposure: what the exam's edit page says and refuses ---------------------------------------


def _exam_form(quiz, *, draws, fixed=(), **fields):
    """The POST of the quiz edit form (every tab), with ``draws`` as (category, count)."""
    data = {
        "title": quiz.title,
        "slug": quiz.slug,
        "kind": quiz.kind,
        "description": "",
        "owner": quiz.owner_id or "",
        "open_at": "",
        "close_at": "",
        "time_limit_minutes": "",
        "grace_seconds": "60",
        "attempts_allowed": "2",
        "grading_method": "highest",
        "pass_mark": "60",
        "layout": "one_per_page",
        "shuffle_choices": "on",
        "prefer_unseen": "on",
        "review_score_immediately": "on",
        "review_score_after_close": "on",
        "review_answers_after_close": "on",
        "review_explanations_after_close": "on",
        "success_text": "",
        "fail_text": "",
    }
    for prefix, rows in (("fixed_questions", fixed), ("draws", draws)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-id": "", f"{prefix}-{i}-ORDER": str(i + 1)})
            data[f"{prefix}-{i}-DELETE"] = ""
            if prefix == "draws":
                category, count = row
                data[f"{prefix}-{i}-category"] = str(category.pk)
                data[f"{prefix}-{i}-count"] = str(count)
                data[f"{prefix}-{i}-include_subcategories"] = "on"
                data[f"{prefix}-{i}-tag"] = ""
            else:
                data[f"{prefix}-{i}-question"] = str(row.pk)
    data.update({key: value for key, value in fields.items() if value is not None})
    return {key: value for key, value in data.items() if value is not False}


@pytest.fixture
def exposed_bank(trainer):
    """Six questions of 模块三; 知识检测：模块三 shows the answers of four of them."""
    module = CategoryFactory(name="模块三")
    bank = [QuestionFactory(category=module) for _ in range(6)]
    quiz_with(
        bank[:4],
        kind=Quiz.Kind.PRACTICE,
        title="知识检测：模块三",
        slug="kc-3",
        review_answers_immediately=True,
        attempts_allowed=0,
    )
    exam = QuizFactory(title="一级认证考试", slug="l1", owner=trainer, draft=True)
    QuizDraw.objects.create(quiz=exam, category=module, count=2)
    return module, bank, exam


def test_the_exam_edit_page_says_how_many_questions_are_exposed_and_by_which_quiz(
    trainer_client, exposed_bank, settings
):
    _module, _bank, exam = exposed_bank
    trainer_client.cookies["lms_language"] = "en"
    page = trainer_client.get(snippet_url("quiz", "edit", exam.pk)).content.decode()
    panel = page[page.index('data-testid="quiz-exposure"') :]
    assert "4 of the 6 questions" in panel
    assert "知识检测：模块三" in panel
    assert "allow_exposed_questions" in page


def test_publishing_an_exam_whose_draw_exposure_leaves_too_small_is_refused(
    trainer_client, exposed_bank
):
    module, _bank, exam = exposed_bank
    exam.draws.all().delete()  # the form below adds its draw afresh
    trainer_client.cookies["lms_language"] = "en"
    data = _exam_form(exam, draws=[(module, 3)], draft=False)
    response = trainer_client.post(snippet_url("quiz", "edit", exam.pk), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "needs 3 questions but only 2 can be drawn" in page
    assert "4 of its questions are exposed and left out" in page
    exam.refresh_from_db()
    assert exam.draft is True and not exam.draws.exists()

    # Allowing overlap (or drawing fewer) lets the trainer publish it.
    data["allow_exposed_questions"] = "on"
    response = trainer_client.post(snippet_url("quiz", "edit", exam.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    exam.refresh_from_db()
    assert (exam.draft, exam.allow_exposed_questions, exam.draws.get().count) == (False, True, 3)


def test_publishing_an_exam_with_an_exposed_fixed_question_is_refused(trainer_client, exposed_bank):
    module, bank, exam = exposed_bank
    exam.draws.all().delete()
    trainer_client.cookies["lms_language"] = "en"
    data = _exam_form(exam, draws=[(module, 1)], fixed=[bank[0]], draft=False)
    response = trainer_client.post(snippet_url("quiz", "edit", exam.pk), data)
    assert response.status_code == 200
    assert "1 fixed question is exposed" in response.content.decode()
    assert not exam.fixed_questions.exists()


def test_a_draft_exam_saves_and_the_page_shows_the_shortfall(trainer_client, exposed_bank):
    module, _bank, exam = exposed_bank
    exam.draws.all().delete()
    trainer_client.cookies["lms_language"] = "en"
    data = _exam_form(exam, draws=[(module, 3)], draft="on")
    response = trainer_client.post(snippet_url("quiz", "edit", exam.pk), data)
    assert response.status_code == 302
    page = trainer_client.get(snippet_url("quiz", "edit", exam.pk)).content.decode()
    assert "needs 3 questions but only 2 can be drawn" in page


# --- Exposure: publishing a quiz that would expose a published exam's questions -------------


@pytest.fixture
def published_exam(trainer):
    """一级认证考试 is published: one fixed question and a draw of 2 from the 4 others."""
    module = CategoryFactory(name="模块四")
    bank = [QuestionFactory(category=module) for _ in range(5)]
    exam = QuizFactory(
        title="一级认证考试", slug="l1-live", owner=trainer, attempts_allowed=1, questions=bank[:1]
    )
    QuizDraw.objects.create(quiz=exam, category=module, count=2)
    check = QuizFactory(
        kind=Quiz.Kind.PRACTICE,
        title="知识检测：模块四",
        slug="kc-4",
        owner=trainer,
        draft=True,
        attempts_allowed=1,
        review_score_immediately=False,
    )
    return module, bank, exam, check


def _check_form(check, **fields):
    values = {"kind": Quiz.Kind.PRACTICE, "attempts_allowed": "0"}
    values.update(fields)
    return _exam_form(check, **values)


def test_publishing_a_quiz_that_exposes_a_published_exam_fixed_question_is_refused(
    trainer_client, published_exam
):
    _module, bank, exam, check = published_exam
    trainer_client.cookies["lms_language"] = "en"
    data = _check_form(
        check, draws=[], fixed=[bank[0]], draft=False, review_answers_immediately="on"
    )
    response = trainer_client.post(snippet_url("quiz", "edit", check.pk), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "一级认证考试" in page
    assert "allow exposed questions on the exam" in page
    check.refresh_from_db()
    assert check.draft is True and not check.fixed_questions.exists()

    # As a draft it saves; the exam stays startable until the check is published.
    data["draft"] = "on"
    response = trainer_client.post(snippet_url("quiz", "edit", check.pk), data)
    assert response.status_code == 302
    # …and its edit page warns before the trainer tries to publish it.
    page = trainer_client.get(snippet_url("quiz", "edit", check.pk)).content.decode()
    warning = page[page.index('data-testid="quiz-exposes-exams"') :]
    assert "Publishing this quiz would stop learners" in warning and "一级认证考试" in warning


def test_publishing_a_quiz_whose_draw_leaves_a_published_exam_short_is_refused(
    trainer_client, published_exam
):
    module, _bank, exam, check = published_exam
    trainer_client.cookies["lms_language"] = "en"
    # Score after every one of unlimited attempts: an answer oracle (decision 0201).
    data = _check_form(check, draws=[(module, 3)], draft=False, review_score_immediately="on")
    response = trainer_client.post(snippet_url("quiz", "edit", check.pk), data)
    assert response.status_code == 200
    assert "一级认证考试" in response.content.decode()
    check.refresh_from_db()
    assert check.draft is True

    # Once the exam allows overlap, the check can be published.
    Quiz.objects.filter(pk=exam.pk).update(allow_exposed_questions=True)
    response = trainer_client.post(snippet_url("quiz", "edit", check.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    check.refresh_from_db()
    assert check.draft is False


def test_publishing_a_quiz_on_other_questions_is_allowed(trainer_client, published_exam):
    _module, _bank, _exam, check = published_exam
    assert 'data-testid="quiz-exposes-exams"' not in (
        trainer_client.get(snippet_url("quiz", "edit", check.pk)).content.decode()
    )
    other = QuestionFactory(category=CategoryFactory(name="其他"))
    data = _check_form(check, draws=[], fixed=[other], draft=False, review_answers_immediately="on")
    response = trainer_client.post(snippet_url("quiz", "edit", check.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]

"""Trainer pages: results and exports, item analysis, the marking queue, visibility of quizzes."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from exams.models import Attempt, Question
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from exams.services.marking import essay_mark
from tests.exams.factories import quiz_with
from tests.factories import AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"exams:{name}", kwargs=kwargs)


def sit(quiz, user, *, right=True, essay="我的论述"):
    attempt = attempt_start(quiz=quiz, user=user)
    answers = []
    for aq in attempt.questions.all():
        if aq.kind == Question.Kind.ESSAY:
            answers.append(AnswerInput(aq.position, 0, essay=essay))
        else:
            keys = (
                aq.correct
                if right
                else [c["key"] for c in aq.choices if c["key"] not in aq.correct][:1]
            )
            answers.append(AnswerInput(aq.position, 0, keys=tuple(keys)))
    answers_save(attempt=attempt, answers=answers)
    return attempt_submit(attempt=attempt)


@pytest.fixture
def foreign_exam(questions, other_trainer):
    """A quiz owned by another trainer."""
    return quiz_with(questions, owner=other_trainer, slug="foreign", title="别人的考试")


def test_learners_cannot_open_trainer_pages(learner_client, exam):
    for path in [
        url("staff_quiz_list"),
        url("staff_quiz_results", slug=exam.slug),
        url("staff_item_analysis", slug=exam.slug),
        url("marking_queue"),
    ]:
        assert learner_client.get(path).status_code == 403, path


def test_trainer_sees_own_and_shared_quizzes_only(trainer_client, trainer, exam, foreign_exam):
    shared = quiz_with([], owner=None, slug="shared", title="共享的考试")
    shared.trainers.add(trainer)
    shared.save()
    page = trainer_client.get(url("staff_quiz_list")).content.decode()
    assert "认证考试" in page and "共享的考试" in page
    assert "别人的考试" not in page
    assert trainer_client.get(url("staff_quiz_results", slug="foreign")).status_code == 404
    assert trainer_client.get(url("staff_item_analysis", slug="foreign")).status_code == 404
    assert trainer_client.get(url("staff_quiz_results", slug="shared")).status_code == 200


def test_administrators_see_every_quiz(client, exam, foreign_exam):
    client.force_login(AdministratorFactory())
    page = client.get(url("staff_quiz_list")).content.decode()
    assert "认证考试" in page and "别人的考试" in page


def test_results_page_and_exports(trainer_client, objective_exam, learner, other_learner):
    sit(objective_exam, learner)
    sit(objective_exam, other_learner, right=False)
    page = trainer_client.get(url("staff_quiz_results", slug=objective_exam.slug)).content.decode()
    assert "王小明" in page and "李娜" in page and "100%" in page

    response = trainer_client.get(
        url("staff_quiz_results", slug=objective_exam.slug), {"format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    by_user = {row[2]: row for row in rows[1:]}
    assert by_user["learner"][13] == "100.00"
    assert by_user["learner02"][13] == "0.00"

    response = trainer_client.get(
        url("staff_quiz_results", slug=objective_exam.slug), {"format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3 and values[1][5] == "客观题考试"


def test_csv_export_neutralises_formulas(trainer_client, objective_exam):
    evil = LearnerFactory(username="evil", display_name="=HYPERLINK(1)")
    sit(objective_exam, evil)
    response = trainer_client.get(
        url("staff_quiz_results", slug=objective_exam.slug), {"format": "csv"}
    )
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_learner_results_only_cover_visible_quizzes(
    trainer_client, learner, objective_exam, foreign_exam
):
    sit(objective_exam, learner)
    sit(foreign_exam, learner)
    page = trainer_client.get(url("staff_learner_results", user_id=learner.pk)).content.decode()
    assert "客观题考试" in page and "别人的考试" not in page
    response = trainer_client.get(
        url("staff_learner_results", user_id=learner.pk), {"format": "csv"}
    )
    assert response.content.decode("utf-8-sig").count("\n") == 2


def test_attempt_detail_for_trainers_who_may_see_it(trainer_client, learner, exam, foreign_exam):
    mine, theirs = sit(exam, learner), sit(foreign_exam, learner)
    page = trainer_client.get(url("staff_attempt_detail", pk=mine.pk)).content.decode()
    assert "is-right" in page
    assert "学员的答案" in page and "你的答案" not in page  # the trainer reads the learner's
    assert trainer_client.get(url("staff_attempt_detail", pk=theirs.pk)).status_code == 404


def test_item_analysis_page(trainer_client, objective_exam):
    for index in range(6):
        sit(objective_exam, LearnerFactory(), right=index % 2 == 0)
    response = trainer_client.get(url("staff_item_analysis", slug=objective_exam.slug))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="histogram"' in page and "<rect" in page
    assert "50.00" in page  # facility of every question: half the learners were right
    assert response.context["analysis"].exam.attempts == 6
    all_attempts = trainer_client.get(
        url("staff_item_analysis", slug=objective_exam.slug), {"attempts": "all"}
    )
    assert all_attempts.context["analysis"].first_attempts_only is False


def test_item_analysis_shows_the_answer_position_bias_of_the_bank(trainer_client, objective_exam):
    # The single and the multiple choice question of the exam both have a right answer first;
    # by chance: (1/4 + 2/4) / 2 = 37.5 %. True/false questions have no authored order.
    response = trainer_client.get(url("staff_item_analysis", slug=objective_exam.slug))
    bias = response.context["analysis"].position_bias
    assert (bias.questions, bias.right_first, bias.share, bias.expected) == (
        2,
        2,
        D("100.00"),
        D("37.50"),
    )
    page = response.content.decode()
    assert 'data-testid="position-bias"' in page and "37.50%" in page
    assert "2 of 2 questions (100.00%)" in page or "2 题中有 2 题（100.00%）" in page
    question = objective_exam.fixed_questions.first().question
    first = question.choices.order_by("sort_order").first()
    first.sort_order = 9
    first.save()
    response = trainer_client.get(url("staff_item_analysis", slug=objective_exam.slug))
    assert response.context["analysis"].position_bias.right_first == 1


def test_item_analysis_counts_picks_of_the_same_bank_choice_across_attempts(
    trainer_client, objective_exam
):
    for _ in range(3):
        sit(objective_exam, LearnerFactory(), right=True)
    analysis = trainer_client.get(url("staff_item_analysis", slug=objective_exam.slug)).context[
        "analysis"
    ]
    single = next(q for q in analysis.questions if q.kind == Question.Kind.SINGLE)
    assert len(single.choices) == 4  # one row per bank choice, whatever the attempts' keys
    assert [(count, right) for _label, count, right in single.choices if right] == [(3, True)]


def test_item_analysis_first_attempts_by_default(trainer_client, objective_exam, learner):
    sit(objective_exam, learner, right=False)
    sit(objective_exam, learner, right=True)
    first = trainer_client.get(url("staff_item_analysis", slug=objective_exam.slug)).context
    every = trainer_client.get(
        url("staff_item_analysis", slug=objective_exam.slug), {"attempts": "all"}
    ).context
    assert first["analysis"].exam.attempts == 1 and first["analysis"].exam.mean == D("0.00")
    assert every["analysis"].exam.attempts == 2 and every["analysis"].exam.mean == D("50.00")
    choices = {label: count for q in every["analysis"].questions for label, count, _ in q.choices}
    assert sum(choices.values()) == 7  # 1 + 2 + 1 picks right, 1 + 1 + 1 wrong


def test_marking_queue_lists_unmarked_essays_first(
    trainer_client, trainer, exam, learner, other_learner
):
    first, second = sit(exam, learner), sit(exam, other_learner)
    marked = first.questions.get(kind=Question.Kind.ESSAY)
    essay_mark(answer=marked, marker=trainer, points=D("2"), feedback="")
    queue = trainer_client.get(url("marking_queue"))
    answers = list(queue.context["page_obj"].object_list)
    assert [a.attempt_id for a in answers] == [second.pk]
    everything = list(trainer_client.get(url("marking_queue"), {"show": "all"}).context["page_obj"])
    assert [a.attempt_id for a in everything] == [second.pk, first.pk]


def test_marking_an_essay_grades_the_attempt_and_tells_the_learner(
    trainer_client, exam, learner, django_capture_on_commit_callbacks
):
    attempt = sit(exam, learner)
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    page = trainer_client.get(url("marking_essay", pk=essay.pk)).content.decode()
    assert "我的论述" in page
    response = trainer_client.post(
        url("marking_essay", pk=essay.pk), {"points": "9", "feedback": ""}
    )
    assert response.status_code == 200 and "points" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(
            url("marking_essay", pk=essay.pk), {"points": "3", "feedback": "论点清楚"}
        )
    assert response.url == url("marking_queue")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert attempt.score == D("9.00") and attempt.percent == D("90.00")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [learner.email]


def test_a_trainer_cannot_mark_an_essay_of_a_quiz_they_may_not_see(
    trainer_client, learner, foreign_exam
):
    attempt = sit(foreign_exam, learner)
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    assert essay.pk not in [
        a.pk for a in trainer_client.get(url("marking_queue")).context["page_obj"]
    ]
    assert trainer_client.get(url("marking_essay", pk=essay.pk)).status_code == 404
    response = trainer_client.post(
        url("marking_essay", pk=essay.pk), {"points": "4", "feedback": ""}
    )
    assert response.status_code == 404
    essay.refresh_from_db()
    assert essay.marked_at is None
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


def test_an_essay_of_an_attempt_in_progress_cannot_be_marked(trainer_client, exam, learner):
    attempt = attempt_start(quiz=exam, user=learner)
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    assert trainer_client.get(url("marking_essay", pk=essay.pk)).status_code == 404


def test_trainer_dashboard_shows_the_marking_count(trainer_client, exam, learner):
    sit(exam, learner)
    page = trainer_client.get("/dashboard/trainer/").content.decode()
    assert 'data-testid="panel-exam-marking"' in page
    assert trainer_client.get(url("marking_queue")).context["page_obj"].paginator.count == 1


def test_learner_dashboard_lists_certification_exams(learner_client, exam):
    page = learner_client.get("/dashboard/learner/").content.decode()
    assert 'data-testid="panel-my-exams"' in page and "认证考试" in page

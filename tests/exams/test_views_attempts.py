"""Taking a quiz through the web pages, and every integrity rule a learner could test."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from exams.models import Attempt, AttemptQuestion, Question, Quiz
from exams.services.attempts import attempt_start
from notifications.models import Notification
from tests.exams.factories import quiz_with, sit_exam, start, url

pytestmark = pytest.mark.django_db


def page_post(client, attempt, page, data, **extra):
    return client.post(url("attempt_page", pk=attempt.pk, page=page), data, **extra)


def fields_for(aq, keys=None, essay=None, flag=False, version=None):
    prefix = f"q{aq.position}-"
    data = {"positions": [str(aq.position)], prefix + "version": str(aq.version)}
    if version is not None:
        data[prefix + "version"] = str(version)
    if keys is not None:
        data[prefix + "choice"] = list(keys)
    if essay is not None:
        data[prefix + "essay"] = essay
    if flag:
        data[prefix + "flag"] = "1"
    return data


# --- Taking an attempt and its result ----------------------------------------------------------


def test_start_answer_navigate_and_resume(learner_client, exam):
    attempt = start(learner_client, exam)
    first = attempt.questions.get(position=1)
    response = learner_client.get(url("attempt_resume", pk=attempt.pk))
    assert response.url == url("attempt_page", pk=attempt.pk, page=1)
    page = learner_client.get(response.url)
    assert page.status_code == 200
    assert first.text in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]

    data = {**fields_for(first, keys=[first.choices[0]["key"]] if first.choices else None)}
    if first.kind == Question.Kind.ESSAY:
        data = fields_for(first, essay="答案")
    data["go"] = "next"
    response = page_post(learner_client, attempt, 1, data)
    assert response.url == url("attempt_page", pk=attempt.pk, page=2)
    first.refresh_from_db()
    assert first.is_answered and first.version == 1
    # Reopening the browser resumes on the page the learner went to.
    second = attempt.questions.get(position=2)
    page_post(learner_client, attempt, 2, {**fields_for(second), "go": "3"})
    assert learner_client.get(url("attempt_resume", pk=attempt.pk)).url == url(
        "attempt_page", pk=attempt.pk, page=3
    )
    # Starting again resumes the same attempt.
    assert start(learner_client, exam).pk == attempt.pk


def test_reopening_resumes_where_the_autosave_last_saved(learner_client, exam):
    """The page's script saves one question at a time; reopening the attempt goes there."""
    attempt = start(learner_client, exam)
    aq = attempt.questions.exclude(kind=Question.Kind.ESSAY).order_by("-position").first()
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk),
        fields_for(aq, keys=[aq.choices[0]["key"]]),
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["saved"] == [aq.position]
    assert learner_client.get(url("attempt_resume", pk=attempt.pk)).url == url(
        "attempt_page", pk=attempt.pk, page=aq.position
    )


def test_flag_and_summary(learner_client, exam):
    attempt = start(learner_client, exam)
    aq = attempt.questions.get(position=2)
    data = fields_for(aq, flag=True)
    if aq.kind == Question.Kind.ESSAY:
        data[f"q{aq.position}-essay"] = ""
    data["go"] = "summary"
    response = page_post(learner_client, attempt, 2, data)
    assert response.url == url("attempt_summary", pk=attempt.pk)
    summary = learner_client.get(response.url).content.decode()
    assert re.search(r'data-testid="summary-counts">\s*4\D', summary)
    aq.refresh_from_db()
    assert aq.flagged


def test_clear_my_choice(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    page_post(learner_client, attempt, aq.position, fields_for(aq, keys=[aq.choices[0]["key"]]))
    aq.refresh_from_db()
    data = fields_for(aq, keys=[aq.choices[0]["key"]])
    data[f"q{aq.position}-clear"] = "1"
    page_post(learner_client, attempt, aq.position, data)
    aq.refresh_from_db()
    assert aq.response == [] and aq.version == 2


def test_a_page_out_of_range_is_not_found(learner_client, exam):
    attempt = start(learner_client, exam)
    assert learner_client.get(url("attempt_page", pk=attempt.pk, page=5)).status_code == 404
    assert learner_client.get(url("attempt_page", pk=attempt.pk, page=0)).status_code == 404


def test_all_on_one_page_layout(learner_client, questions):
    quiz = quiz_with(questions, layout=Quiz.Layout.ALL_ON_ONE_PAGE)
    attempt = start(learner_client, quiz)
    page = learner_client.get(url("attempt_page", pk=attempt.pk, page=1)).content.decode()
    for aq in attempt.questions.all():
        assert aq.text in page
    assert learner_client.get(url("attempt_page", pk=attempt.pk, page=2)).status_code == 404


def test_choices_are_lettered_in_the_order_shown_but_true_or_false(learner_client, questions):
    quiz = quiz_with(questions, layout=Quiz.Layout.ALL_ON_ONE_PAGE)
    attempt = start(learner_client, quiz)
    page = learner_client.get(url("attempt_page", pk=attempt.pk, page=1)).content.decode()
    for aq in attempt.questions.all():
        card = page.split(f'id="q{aq.position}"')[1].split("</fieldset>")[0]
        letters = re.findall(r'class="choice-letter" aria-hidden="true">([^<]*)<', card)
        if aq.kind == Question.Kind.TRUE_FALSE:
            assert letters == ["", ""]
        else:  # the essay has no choices
            assert letters == ["A.", "B.", "C.", "D."][: len(aq.choices)]


def test_autosave_answers_with_json(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk),
        fields_for(aq, keys=[aq.choices[1]["key"]]),
        HTTP_ACCEPT="application/json",
    )
    body = response.json()
    assert body["ok"] is True
    assert body["saved"] == [aq.position]
    assert body["versions"] == {str(aq.position): 1}
    aq.refresh_from_db()
    assert aq.response == [aq.choices[1]["key"]]


def test_submit_and_see_the_result(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    page_post(learner_client, attempt, aq.position, fields_for(aq, keys=aq.correct))
    response = learner_client.post(url("attempt_submit", pk=attempt.pk))
    assert response.url == url("attempt_result", pk=attempt.pk)
    result = learner_client.get(response.url).content.decode()
    assert "2 / 6" in result and "33.33%" in result


@pytest.mark.parametrize(
    ("method", "result", "note", "badge"),
    [
        (
            Quiz.GradingMethod.HIGHEST,
            "{percent}% (Highest grade) may still rise",
            "Attempt 2 is awaiting marking. Your result counts your best graded attempt so far;"
            " marking can only raise it.",
            "Passed awaiting marking",
        ),
        (
            Quiz.GradingMethod.FIRST,
            "{percent}% (First attempt)",
            "Attempt 2 is awaiting marking. It does not change your result on this quiz"
            " (First attempt).",
            "Passed",
        ),
        (
            Quiz.GradingMethod.LAST,
            "Awaiting marking (Last attempt)",
            "Attempt 2 is awaiting marking. Your result on this quiz will be known once it is"
            " marked.",
            "Awaiting marking",
        ),
    ],
)
def test_result_pages_say_a_retake_is_awaiting_marking(
    learner_client, learner, trainer, exam, method, result, note, badge
):
    learner_client.cookies["lms_language"] = "en"
    exam.grading_method = method
    exam.save()
    first = sit_exam(exam, learner, right=True, marker=trainer)
    second = sit_exam(exam, learner, right=False)
    expected = result.format(percent=f"{first.percent:f}".rstrip("0").rstrip("."))
    for path in (url("attempt_result", pk=first.pk), url("attempt_result", pk=second.pk)):
        html = learner_client.get(path).content.decode()
        text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert f"Your result on this quiz {expected}" in text, path
        assert note in text, path
    detail = learner_client.get(url("quiz_detail", slug=exam.slug)).content.decode()
    assert note in " ".join(re.sub(r"<[^>]+>", " ", detail).split())
    listed = learner_client.get(url("quiz_list")).content.decode()
    (row,) = [row for row in listed.split("<tr>") if exam.title in row]
    status = row.split("</td>")[-2]  # the last cell of the quiz's row
    assert " ".join(re.sub(r"<[^>]+>", " ", status).split()) == badge


def test_no_awaiting_note_once_every_attempt_is_marked(learner_client, learner, trainer, exam):
    first = sit_exam(exam, learner, right=True, marker=trainer)
    html = learner_client.get(url("attempt_result", pk=first.pk)).content.decode()
    assert 'data-testid="grade-awaiting"' not in html


# --- Integrity: right answers never reach the browser before review allows it -----------------


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
NONCE = re.compile(r' nonce="[^"]*"')


def _render(client, path, method="get", data=None, **extra):
    response = getattr(client, method)(path, data or {}, **extra)
    assert response.status_code == 200, (path, response.status_code)
    # The CSRF token and the CSP nonce change with every response, whatever the answers.
    return NONCE.sub("", CSRF.sub("", response.content.decode()))


def _scramble_right_answers(attempt):
    """Rewrite every frozen right answer to a different key; pages must not change."""
    for aq in attempt.questions.all():
        keys = [c["key"] for c in aq.choices]
        if keys:
            aq.correct = [k for k in keys if k not in aq.correct][:1]
            aq.save(update_fields=["correct"])


def _assert_no_answer_markers(html: str, attempt):
    for aq in attempt.questions.all():
        assert aq.explanation not in html
    for marker in ("is-right", "badge-right", "is_correct", '"correct"', "data-right"):
        assert marker not in html, marker


def test_exam_pages_do_not_depend_on_the_right_answers(learner_client, exam):
    exam.review_score_immediately = False
    exam.save()
    attempt = start(learner_client, exam)
    pages = [url("quiz_detail", slug=exam.slug), url("attempt_summary", pk=attempt.pk)]
    pages += [url("attempt_page", pk=attempt.pk, page=n) for n in range(1, 5)]
    before = {path: _render(learner_client, path) for path in pages}
    aq = attempt.questions.get(position=1)
    data = fields_for(aq, essay="x") if aq.kind == "essay" else fields_for(aq, keys=[])
    autosave_before = _render(
        learner_client,
        url("attempt_autosave", pk=attempt.pk),
        "post",
        data,
        HTTP_ACCEPT="application/json",
    )
    _scramble_right_answers(attempt)
    for path in pages:
        html = _render(learner_client, path)
        assert html == before[path], path
        _assert_no_answer_markers(html, attempt)
    autosave_after = _render(
        learner_client,
        url("attempt_autosave", pk=attempt.pk),
        "post",
        data,
        HTTP_ACCEPT="application/json",
    )
    payload = json.loads(autosave_after)
    assert set(payload) <= {"ok", "saved", "conflicts", "versions", "saved_at", "message"}
    _assert_no_answer_markers(autosave_before + autosave_after, attempt)


def test_result_page_hides_answers_until_the_quiz_closes(learner_client, objective_exam):
    objective_exam.close_at = timezone.now() + timedelta(days=1)
    objective_exam.save()
    attempt = start(learner_client, objective_exam)
    learner_client.post(url("attempt_submit", pk=attempt.pk))
    html = _render(learner_client, url("attempt_result", pk=attempt.pk))
    _assert_no_answer_markers(html, attempt)
    assert "0 / 6" in html  # the score is shown immediately

    Quiz.objects.filter(pk=objective_exam.pk).update(close_at=timezone.now() - timedelta(seconds=1))
    html = _render(learner_client, url("attempt_result", pk=attempt.pk))
    assert "is-right" in html
    for aq in attempt.questions.all():
        assert aq.explanation in html


def test_no_score_shown_when_review_forbids_it(learner_client, objective_exam):
    objective_exam.review_score_immediately = False
    objective_exam.save()
    attempt = start(learner_client, objective_exam)
    learner_client.post(url("attempt_submit", pk=attempt.pk))
    html = _render(learner_client, url("attempt_result", pk=attempt.pk))
    assert "0 / 6" not in html and "%" not in re.sub(r"<style.*?</style>", "", html, flags=re.S)


# --- Integrity: another user's attempt ------------------------------------------------------------


def test_another_users_attempt_is_not_found(client, exam, learner, other_learner):
    attempt = attempt_start(quiz=exam, user=learner)
    client.force_login(other_learner)
    aq = attempt.questions.get(position=1)
    for path in [
        url("attempt_resume", pk=attempt.pk),
        url("attempt_page", pk=attempt.pk, page=1),
        url("attempt_summary", pk=attempt.pk),
        url("attempt_result", pk=attempt.pk),
    ]:
        assert client.get(path).status_code == 404, path
    for path in [
        url("attempt_page", pk=attempt.pk, page=1),
        url("attempt_autosave", pk=attempt.pk),
        url("attempt_submit", pk=attempt.pk),
    ]:
        assert client.post(path, fields_for(aq, keys=[])).status_code == 404, path
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    aq.refresh_from_db()
    assert aq.version == 0


# --- Integrity: no answer after submit or after deadline + grace ----------------------------------


def test_no_answer_accepted_after_submit(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    learner_client.post(url("attempt_submit", pk=attempt.pk))
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    response = page_post(learner_client, attempt, aq.position, fields_for(aq, keys=aq.correct))
    assert response.url == url("attempt_result", pk=attempt.pk)
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk),
        fields_for(aq, keys=aq.correct),
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["closed"] is True
    aq.refresh_from_db()
    assert aq.response == [] and aq.version == 0
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_no_answer_accepted_after_deadline_plus_grace(learner_client, questions, learner):
    quiz = quiz_with(questions[:3], time_limit_minutes=30, grace_seconds=60)
    started = timezone.now() - timedelta(minutes=31, seconds=5)
    attempt = attempt_start(quiz=quiz, user=learner, now=started)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk),
        fields_for(aq, keys=aq.correct),
        HTTP_ACCEPT="application/json",
    )
    body = response.json()
    assert body["closed"] is True and "Time is up" in body["message"] or "时间" in body["message"]
    aq.refresh_from_db()
    assert aq.response == []
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.auto_submitted


def test_answers_inside_the_grace_period_are_kept(learner_client, questions, learner):
    quiz = quiz_with(questions[:3], time_limit_minutes=30, grace_seconds=60)
    started = timezone.now() - timedelta(minutes=30, seconds=20)
    attempt = attempt_start(quiz=quiz, user=learner, now=started)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    response = page_post(learner_client, attempt, aq.position, fields_for(aq, keys=aq.correct))
    assert response.status_code == 302
    aq.refresh_from_db()
    assert aq.response == aq.correct


def test_resuming_after_the_deadline_shows_the_submitted_result(learner_client, questions, learner):
    quiz = quiz_with(questions[:3], time_limit_minutes=30)
    attempt = attempt_start(quiz=quiz, user=learner, now=timezone.now() - timedelta(days=1))
    response = learner_client.get(url("attempt_resume", pk=attempt.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("attempt_result", pk=attempt.pk)
    assert "submitted automatically" in response.content.decode() or "自动提交" in (
        response.content.decode()
    )


# --- Integrity: a choice that does not belong to the question ----------------------------------


def test_a_choice_of_another_question_is_refused(learner_client, exam):
    attempt = start(learner_client, exam)
    single = attempt.questions.get(kind=Question.Kind.SINGLE)
    multiple = attempt.questions.get(kind=Question.Kind.MULTIPLE)
    response = page_post(
        learner_client,
        attempt,
        single.position,
        fields_for(single, keys=[multiple.choices[0]["key"]]),
    )
    assert response.status_code == 400
    assert "does not belong" in response.content.decode() or "不属于" in response.content.decode()
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk),
        fields_for(single, keys=["not-a-key"]),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400 and response.json()["ok"] is False
    single.refresh_from_db()
    assert single.response == [] and single.version == 0


@pytest.mark.parametrize(
    "data",
    [
        {"positions": ["x"]},
        {"positions": ["1"], "q1-version": "abc"},
        {"positions": ["1"]},
        {"positions": ["1", "1"], "q1-version": "0"},
        {"positions": ["77"], "q77-version": "0"},
    ],
)
def test_malformed_posts_are_a_400_never_a_500(learner_client, exam, data):
    attempt = start(learner_client, exam)
    assert page_post(learner_client, attempt, 1, data).status_code == 400


def test_an_overflowing_position_is_a_400_not_a_500(learner_client, exam):
    """Issue 12, finding 7: autosave with positions=99999999999999999999999 raised
    OverflowError in the database driver."""
    attempt = start(learner_client, exam)
    huge = "99999999999999999999999"
    data = {"positions": [huge], f"q{huge}-version": "0"}
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk), data, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    message = response.json()["message"]
    assert message in ("The page sent something unexpected.", "页面提交的内容无法识别。")
    assert page_post(learner_client, attempt, 1, data).status_code == 400
    version = {"positions": ["1"], "q1-version": huge}
    assert page_post(learner_client, attempt, 1, version).status_code == 400


# --- Integrity: submitting twice grades once; two tabs lose no answer ---------------------------


def test_submitting_twice_grades_once(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    first = learner_client.post(url("attempt_submit", pk=attempt.pk))
    attempt.refresh_from_db()
    graded_at = attempt.graded_at
    second = learner_client.post(url("attempt_submit", pk=attempt.pk))
    assert first.url == second.url == url("attempt_result", pk=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.graded_at == graded_at
    assert Attempt.objects.filter(quiz=objective_exam).count() == 1


def test_two_tabs_on_one_attempt_lose_no_answer(learner_client, questions):
    quiz = quiz_with(questions, layout=Quiz.Layout.ALL_ON_ONE_PAGE)
    attempt = start(learner_client, quiz)
    rows = {aq.kind: aq for aq in attempt.questions.all()}
    single, tf = rows[Question.Kind.SINGLE], rows[Question.Kind.TRUE_FALSE]
    essay = rows[Question.Kind.ESSAY]

    def whole_page(**answers):
        """What a tab showing every question at version 0 posts."""
        data = {"positions": [], "go": ""}
        for aq in attempt.questions.all():
            data["positions"].append(str(aq.position))
            data[f"q{aq.position}-version"] = "0"
            if aq.kind == Question.Kind.ESSAY:
                data[f"q{aq.position}-essay"] = answers.get("essay", "")
            else:
                data[f"q{aq.position}-choice"] = answers.get(aq.kind, [])
        return data

    tab_a = whole_page(single=single.correct)
    tab_b = whole_page(true_false=["true"], essay="第二个标签页写的论述")
    assert page_post(learner_client, attempt, 1, tab_a).status_code == 302
    response = page_post(learner_client, attempt, 1, tab_b, follow=True)
    assert response.status_code == 200
    single.refresh_from_db(), tf.refresh_from_db(), essay.refresh_from_db()
    assert single.response == single.correct  # tab B's stale empty answer did not erase it
    assert tf.response == ["true"]
    assert essay.essay == "第二个标签页写的论述"
    # Tab A's next autosave carries its old versions: it overwrites nothing newer.
    tab_a_again = whole_page(single=single.correct)
    response = learner_client.post(
        url("attempt_autosave", pk=attempt.pk), tab_a_again, HTTP_ACCEPT="application/json"
    )
    body = response.json()
    assert sorted(body["conflicts"]) == sorted([tf.position, essay.position])
    tf.refresh_from_db(), essay.refresh_from_db()
    assert tf.response == ["true"] and essay.essay == "第二个标签页写的论述"


def test_a_stale_page_post_shows_a_friendly_message(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    aq = attempt.questions.get(kind=Question.Kind.SINGLE)
    a, b = aq.choices[0]["key"], aq.choices[1]["key"]
    page_post(learner_client, attempt, aq.position, fields_for(aq, keys=[a]))
    response = page_post(
        learner_client, attempt, aq.position, fields_for(aq, keys=[b], version=0), follow=True
    )
    page = response.content.decode()
    assert "another window" in page or "另一个窗口" in page
    aq.refresh_from_db()
    assert aq.response == [a]


def test_attempt_question_rows_hold_the_answers(learner_client, objective_exam):
    attempt = start(learner_client, objective_exam)
    assert AttemptQuestion.objects.filter(attempt=attempt).count() == 3


def test_an_exam_in_progress_has_the_quiet_header(learner_client, learner, exam):
    """The question and summary pages show who sits the exam and the language switcher, and
    nothing that leads away from it: no menu, no inbox (decision 0905)."""
    Notification.objects.create(recipient=learner, event="ping", item="x", title="t", url="/")
    attempt = start(learner_client, exam)
    for path in (url("attempt_page", pk=attempt.pk, page=1), url("attempt_summary", pk=attempt.pk)):
        html = learner_client.get(path).content.decode()
        header = re.search(r"<header .*?</header>", html, re.S).group(0)
        assert 'data-testid="exam-header"' in header
        assert learner.get_full_name() in header and 'data-testid="language-en"' in header
        for away in ("<a ", "inbox-link", "unread-count", "menu-button", "logout"):
            assert away not in header, away
    # The quiz page before the attempt keeps the full header.
    html = learner_client.get(url("quiz_detail", slug=exam.slug)).content.decode()
    assert 'data-testid="unread-count"' in html and 'data-testid="menu-button"' in html


def test_switching_language_mid_exam_returns_to_the_question(learner_client, exam):
    attempt = start(learner_client, exam)
    page = url("attempt_page", pk=attempt.pk, page=2)
    html = learner_client.get(page).content.decode()
    header = re.search(r"<header .*?</header>", html, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', header).group(1)
    assert f'name="next" value="{page}"' in header
    response = learner_client.post(
        "/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": page}
    )
    assert response.status_code == 302 and response.url == page
    assert "Question 2 of" in learner_client.get(page).content.decode()

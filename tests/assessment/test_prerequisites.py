"""Prerequisites of a certification exam (decision 0802): the exam page lists what is missing
with links, the server refuses a start until everything is met, and trainers write them in the
CMS with clear errors."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from assessment.models import Prerequisite
from cases.models import CaseSubmission
from courses.models import LessonCompletion
from exams.models import Attempt, Quiz
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import AttemptRefused, attempt_start, attempt_submit
from tests.cases.factories import PracticeCaseFactory
from tests.courses.factories import completions, lessons_of, make_course
from tests.exams.factories import QuestionFactory, quiz_with
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(trainer):
    questions = [QuestionFactory(), QuestionFactory()]
    return quiz_with(questions, owner=trainer, slug="exam", title="认证考试", title_en="The exam")


def knowledge_check(slug="kc", title="知识检测", title_en="Knowledge check"):
    return quiz_with(
        [QuestionFactory(), QuestionFactory()],
        slug=slug,
        title=title,
        title_en=title_en,
        kind=Quiz.Kind.PRACTICE,
        attempts_allowed=0,
    )


def sit(quiz, user, *, right: int):
    """An attempt at a two-question objective quiz with ``right`` questions right."""
    attempt = attempt_start(quiz=quiz, user=user)
    rows = list(attempt.questions.order_by("position"))
    answers_save(
        attempt=attempt,
        answers=[
            AnswerInput(aq.position, aq.version, keys=tuple(aq.correct) if i < right else ())
            for i, aq in enumerate(rows)
        ],
    )
    return attempt_submit(attempt=attempt)


def complete(user, course, lessons=None):
    lessons = lessons_of(course) if lessons is None else lessons
    LessonCompletion.objects.bulk_create(completions((user, lesson) for lesson in lessons))


def passed_case(case, user, passed=True):
    CaseSubmission.objects.create(
        case=case,
        learner=user,
        rubric=case.rubric,
        status="finalised",
        final_percent=Decimal("80") if passed else Decimal("40"),
        passed=passed,
    )


@pytest.fixture
def course(db):
    return make_course(title="入职课程", slug="onboarding", modules=1, lessons=2)


@pytest.fixture
def check(db):
    return knowledge_check()


@pytest.fixture
def case(db):
    return PracticeCaseFactory(title="报警停机", title_en="Alarm after repair", live=True)


@pytest.fixture
def required(exam, course, check, case):
    """The exam requires the course, the knowledge check at 60 % and the case."""
    Prerequisite.objects.create(exam=exam, kind="course", course=course)
    Prerequisite.objects.create(exam=exam, kind="quiz", quiz=check, min_percent=Decimal("60"))
    Prerequisite.objects.create(exam=exam, kind="case", case=case)
    return exam


def english_page(client, exam) -> str:
    client.cookies["lms_language"] = "en"
    with translation.override("en"):
        response = client.get(f"/quizzes/{exam.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_ineligible_learner_sees_what_is_missing_with_links_and_no_start_button(
    learner_client, required, course, check, case
):
    html = english_page(learner_client, required)
    assert html.count('data-testid="requirement-missing"') == 3
    assert "Before you can start" in html
    assert "Complete the course" in html and "(0% done)" in html
    assert "Reach 60% in" in html and "Knowledge check" in html and "(no result yet)" in html
    assert "Pass the practice case" in html and "Alarm after repair" in html
    assert f'href="{course.url}"' in html or f'href="{course.get_url()}"' in html
    assert 'href="/quizzes/kc/"' in html
    assert f"/cases/{case.slug}/" in html
    assert 'data-testid="start-attempt"' not in html
    assert "disabled" in html and "You cannot start this exam yet" in html


def test_the_server_refuses_an_ineligible_start_and_says_why(learner_client, learner, required):
    with pytest.raises(AttemptRefused) as refused:
        attempt_start(quiz=required, user=learner)
    assert refused.value.reason == "not_eligible" and len(refused.value.missing) == 3
    # A POST that bypasses the page: no 500, no attempt, the refusal on the exam page.
    learner_client.cookies["lms_language"] = "en"
    with translation.override("en"):
        response = learner_client.post("/quizzes/exam/start/", follow=True)
    assert response.status_code == 200
    assert "You cannot start this exam yet" in response.content.decode()
    assert not Attempt.objects.filter(quiz=required).exists()


def test_becoming_eligible_allows_the_start(learner_client, learner, required, course, check, case):
    complete(learner, course)
    sit(check, learner, right=2)
    passed_case(case, learner)
    html = english_page(learner_client, required)
    assert html.count('data-testid="requirement-met"') == 3
    assert 'data-testid="requirement-missing"' not in html
    assert 'data-testid="start-attempt"' in html
    response = learner_client.post("/quizzes/exam/start/")
    attempt = Attempt.objects.get(quiz=required, user=learner)
    assert response.status_code == 302 and response.url.endswith(f"/attempts/{attempt.pk}/")


def test_a_quiz_below_the_minimum_and_a_failed_case_are_not_enough(
    learner_client, learner, required, course, check, case
):
    complete(learner, course)
    sit(check, learner, right=1)  # 50 %
    passed_case(case, learner, passed=False)
    html = english_page(learner_client, required)
    assert html.count('data-testid="requirement-missing"') == 2
    assert "your result: 50%" in html
    with pytest.raises(AttemptRefused):
        attempt_start(quiz=required, user=learner)


def test_a_course_done_in_part_is_not_complete(learner_client, learner, required, course):
    complete(learner, course, lessons_of(course)[:1])
    html = english_page(learner_client, required)
    assert "(50% done)" in html


def test_an_attempt_in_progress_is_resumed_even_if_requirements_arrive_later(
    learner_client, learner, exam, check
):
    attempt = attempt_start(quiz=exam, user=learner)
    Prerequisite.objects.create(exam=exam, kind="quiz", quiz=check, min_percent=Decimal("60"))
    assert attempt_start(quiz=exam, user=learner) == attempt
    response = learner_client.post("/quizzes/exam/start/")
    assert response.status_code == 302 and response.url.endswith(f"/attempts/{attempt.pk}/")


def test_requirements_show_only_while_the_learner_may_start(learner_client, learner, exam, check):
    """With an attempt running, or none left, what it takes to start is beside the point; after
    an attempt the box says what another one needs."""
    exam.attempts_allowed = 2
    exam.save()
    attempt = attempt_start(quiz=exam, user=learner)
    Prerequisite.objects.create(exam=exam, kind="quiz", quiz=check, min_percent=Decimal("60"))
    assert 'data-testid="requirements"' not in english_page(learner_client, exam)
    attempt_submit(attempt=attempt)
    html = english_page(learner_client, exam)
    assert 'data-testid="requirements"' in html and "Before you can start another attempt" in html
    Quiz.objects.filter(pk=exam.pk).update(attempts_allowed=1)  # none left
    assert 'data-testid="requirements"' not in english_page(learner_client, exam)


def test_chinese_page_names_the_requirements_in_chinese(learner_client, required):
    html = learner_client.get("/quizzes/exam/").content.decode()
    assert "知识检测" in html and "报警停机" in html and "入职课程" in html


def test_an_english_page_marks_a_title_written_only_in_chinese(learner_client, exam):
    chinese_only = knowledge_check(slug="kc-zh", title="仅中文检测", title_en="")
    Prerequisite.objects.create(exam=exam, kind="quiz", quiz=chinese_only, min_percent=50)
    html = english_page(learner_client, exam)
    assert '<span lang="zh-Hans" class="untranslated">仅中文检测</span>' in html


def page_queries(client, exam) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/quizzes/{exam.slug}/").status_code == 200
    return len(queries)


def test_the_exam_page_runs_as_many_queries_with_one_or_five_prerequisites(client, exam, trainer):
    learner = LearnerFactory()
    client.force_login(learner)
    courses = [make_course(title=f"课程{n}", slug=f"course-{n}") for n in range(5)]
    checks = [knowledge_check(slug=f"kc-{n}", title=f"检测{n}") for n in range(5)]
    cases = [PracticeCaseFactory(live=True) for _ in range(5)]
    for target in (courses[0], checks[0], cases[0]):
        kind = {type(courses[0]): "course", Quiz: "quiz"}.get(type(target), "case")
        Prerequisite.objects.create(
            exam=exam, kind=kind, **{kind: target}, min_percent=50 if kind == "quiz" else None
        )
    sit(checks[0], learner, right=1)
    page_queries(client, exam)  # warm the caches (site root paths)
    one_each = page_queries(client, exam)
    for n in range(1, 5):
        Prerequisite.objects.create(exam=exam, kind="course", course=courses[n])
        Prerequisite.objects.create(exam=exam, kind="quiz", quiz=checks[n], min_percent=50)
        Prerequisite.objects.create(exam=exam, kind="case", case=cases[n])
    page_queries(client, exam)  # the new courses' titles and links fill the shared cache
    assert page_queries(client, exam) == one_each


def test_the_exam_page_with_one_and_with_five_course_prerequisites(client, exam):
    learner = LearnerFactory()
    client.force_login(learner)
    courses = [make_course(title=f"课程{n}", slug=f"course-{n}") for n in range(5)]
    Prerequisite.objects.create(exam=exam, kind="course", course=courses[0])
    page_queries(client, exam)
    one = page_queries(client, exam)
    for course in courses[1:]:
        Prerequisite.objects.create(exam=exam, kind="course", course=course)
    page_queries(client, exam)  # the new courses' titles and links fill the shared cache
    assert page_queries(client, exam) == one
    assert one <= 30


# --- Written in the CMS ----------------------------------------------------------------------


def cms_post(client, data):
    client.cookies["lms_language"] = "en"
    with translation.override("en"):
        return client.post("/cms/prerequisite/new/", data)


def form(exam, **changes):
    data = {
        "exam": exam.pk,
        "kind": "quiz",
        "course": "",
        "quiz": "",
        "min_percent": "",
        "case": "",
    }
    return {**data, **changes}


def test_a_trainer_adds_a_prerequisite_in_the_cms(trainer_client, trainer, exam, check):
    response = cms_post(trainer_client, form(exam, quiz=check.pk, min_percent="70"))
    assert response.status_code == 302
    row = Prerequisite.objects.get()
    assert (row.kind, row.quiz, row.min_percent, row.created_by) == (
        "quiz",
        check,
        Decimal("70"),
        trainer,
    )
    with translation.override("en"):
        listing = trainer_client.get("/cms/prerequisite/").content.decode()
    assert "at least 70%" in listing


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"min_percent": "70"}, "Choose the quiz or knowledge check this exam requires."),
        ({"quiz": "CHECK", "min_percent": "150"}, "less than or equal to 100"),
        ({"quiz": "CHECK", "min_percent": ""}, "Give the minimum percentage, from 0 to 100."),
        ({"quiz": "EXAM", "min_percent": "50"}, "An exam cannot require itself."),
        ({"kind": "course", "quiz": "CHECK", "min_percent": "50"}, "Choose the course"),
        ({"kind": "case", "case": "CASE", "min_percent": "50"}, "Only a quiz requirement"),
    ],
)
def test_a_wrong_prerequisite_keeps_what_was_typed_with_a_clear_error(
    trainer_client, exam, check, case, changes, error
):
    names = {"CHECK": check.pk, "EXAM": exam.pk, "CASE": case.pk}
    changes = {key: names.get(value, value) for key, value in changes.items()}
    response = cms_post(trainer_client, form(exam, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    if changes.get("min_percent"):
        assert f'value="{changes["min_percent"]}"' in html
    assert not Prerequisite.objects.exists()


def test_a_practice_quiz_cannot_have_prerequisites_and_duplicates_are_refused(
    trainer_client, exam, check
):
    # The form offers certification exams only (the model says so too, for other ways in).
    response = cms_post(trainer_client, form(check, quiz=exam.pk, min_percent="50"))
    assert "Select a valid choice" in response.content.decode()
    with translation.override("en"), pytest.raises(ValidationError, match="Only a certification"):
        Prerequisite(exam=check, kind="quiz", quiz=exam, min_percent=50).full_clean()
    assert cms_post(trainer_client, form(exam, quiz=check.pk, min_percent="50")).status_code == 302
    again = cms_post(trainer_client, form(exam, quiz=check.pk, min_percent="80"))
    assert "This exam already requires this quiz." in again.content.decode()
    assert Prerequisite.objects.count() == 1


def test_learners_cannot_write_prerequisites(learner_client, exam, check):
    response = cms_post(learner_client, form(exam, quiz=check.pk, min_percent="50"))
    assert response.status_code in (302, 403)
    assert not Prerequisite.objects.exists()


def test_a_forged_prerequisite_post_gets_form_errors_not_a_500(trainer_client, exam):
    forged = {**form(exam), "exam": "x", "course": "y", "quiz": "99999", "case": "z"}
    response = cms_post(trainer_client, forged)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Prerequisite.objects.exists()

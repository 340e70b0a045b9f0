"""Blind re-marking beyond the appeal's own page (decision 1001): while an essay appeal is
assigned to a grader, the exams' staff pages (marking queue, marking form, attempt page,
results lists and their downloads) hide the first mark from that grader only, and the ordinary
marking form refuses them; once the appeal is resolved they see the mark again."""

import pytest

from appeals import services, targets
from exams.models import Question, Quiz
from tests.appeals.conftest import FIRST_FEEDBACK
from tests.factories import TrainerFactory, signed_in

pytestmark = pytest.mark.django_db

HIDDEN = "hidden: you are re-marking this on appeal"


def list_on(exam, trainer) -> None:
    """List a trainer on the exam (its trainers are a parental relation: saved directly)."""
    Quiz.trainers.through.objects.create(quiz=exam, user=trainer)


@pytest.fixture
def colleague(exam):
    """Another trainer on the exam, who marks nothing of this appeal."""
    colleague = TrainerFactory(username="trainer3", display_name="孙同事")
    list_on(exam, colleague)
    return colleague


@pytest.fixture
def appeal(attempt, exam, learner, assessor, second_trainer):
    """The learner's essay appeal, assigned to ``second_trainer`` (a trainer on the exam)."""
    list_on(exam, second_trainer)
    appeal = services.appeal_file(
        learner=learner, target=targets.essay_target(attempt.pk), reason="步骤完整"
    )
    return services.appeal_assign(appeal=appeal, remarker=second_trainer, by=assessor)


def pages(attempt, learner) -> dict[str, tuple[str, ...]]:
    """Each staff page, and the text of the first mark it shows: the essay's 0 of 4, its
    feedback, the attempt's 6 of 10 (60 %) and its result."""
    return {
        "/exams/marking/?show=all": ("0 / 4",),
        f"/exams/manage/attempts/{attempt.pk}/": ("6 / 10 (60%)", "0 / 4", FIRST_FEEDBACK),
        "/exams/manage/quizzes/exam/results/": ("6 / 10", "60%", "Passed"),
        f"/exams/manage/learners/{learner.pk}/": ("6 / 10", "60%", "Passed"),
        "/exams/manage/quizzes/exam/results/?format=csv": (",6.00,10.00,60.00,yes",),
        f"/exams/manage/learners/{learner.pk}/?format=csv": (",6.00,10.00,60.00,yes",),
    }


def test_the_exam_pages_hide_the_first_mark_from_the_re_marker_only(
    appeal, attempt, learner, colleague, second_trainer, assessor
):
    remarker, other = signed_in(second_trainer), signed_in(colleague)
    for url, marks in pages(attempt, learner).items():
        seen, blind = other.get(url).content.decode(), remarker.get(url).content.decode()
        for mark in marks:
            assert mark in seen, (url, mark)
            assert mark not in blind, (url, mark)
        assert HIDDEN in blind and HIDDEN not in seen, url
    queue = remarker.get("/exams/marking/?show=all").content.decode()
    assert f'href="/appeals/remark/{appeal.pk}/"' in queue

    services.appeal_uphold(appeal=appeal, explanation="评分无误", by=assessor)
    for url, marks in pages(attempt, learner).items():
        page = remarker.get(url).content.decode()
        assert all(mark in page for mark in marks) and HIDDEN not in page, url


def test_the_marking_form_sends_the_re_marker_to_the_appeal(
    appeal, attempt, colleague, second_trainer, assessor
):
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    url = f"/exams/marking/{essay.pk}/"
    assert FIRST_FEEDBACK in signed_in(colleague).get(url).content.decode()
    remarker = signed_in(second_trainer)
    response = remarker.get(url, follow=True)
    assert response.redirect_chain == [(f"/appeals/remark/{appeal.pk}/", 302)]
    page = response.content.decode()
    assert "You are re-marking this attempt on appeal" in page and FIRST_FEEDBACK not in page
    response = remarker.post(url, {"points": "4", "feedback": "改分"})
    assert response.status_code == 302
    essay.refresh_from_db()
    assert (essay.score, essay.feedback) == (0, FIRST_FEEDBACK)

    services.appeal_uphold(appeal=appeal, explanation="评分无误", by=assessor)
    assert FIRST_FEEDBACK in remarker.get(url).content.decode()


def test_an_assessor_re_marking_cannot_read_the_appeal_itself(attempt, exam, learner, assessor):
    from tests.factories import AssessorFactory

    colleague = AssessorFactory(username="assessor2", display_name="钱考核")
    appeal = services.appeal_file(
        learner=learner, target=targets.essay_target(attempt.pk), reason="步骤完整"
    )
    services.appeal_assign(appeal=appeal, remarker=colleague, by=assessor)
    response = signed_in(colleague).get(f"/appeals/queue/{appeal.pk}/")
    assert response.status_code == 302 and response.url == f"/appeals/remark/{appeal.pk}/"
    assert "步骤完整" in signed_in(assessor).get(f"/appeals/queue/{appeal.pk}/").content.decode()


def test_the_re_marker_s_pages_keep_their_query_counts(
    appeal, attempt, learner, second_trainer, django_assert_max_num_queries
):
    remarker = signed_in(second_trainer)
    for url in pages(attempt, learner):
        remarker.get(url)  # fills the header's caches
        with django_assert_max_num_queries(14):
            remarker.get(url)

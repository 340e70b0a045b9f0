"""Quiz engine figures: server time of the exam's question page and of an answer save.

A 100-question certification exam (one question per page, shuffled choices); 200 requests each
through Django's full request/response cycle.
"""

from decimal import Decimal
from itertools import count

from bench.common import report_times, signed_in, time_calls, time_get


def run():
    from exams.models import Choice, Question, QuestionCategory, Quiz, QuizQuestion
    from exams.services.attempts import attempt_start
    from tests.factories import LearnerFactory

    category, _ = QuestionCategory.objects.get_or_create(name="bench")
    questions = Question.objects.bulk_create(
        Question(category=category, text=f"题目 {i}", points=Decimal("1")) for i in range(100)
    )
    Choice.objects.bulk_create(
        Choice(question=q, text=f"选项 {j}", is_correct=j == 0, sort_order=j)
        for q in questions
        for j in range(4)
    )
    quiz = Quiz.objects.create(
        title="bench exam",
        slug="bench-exam",
        kind="certification",
        draft=False,
        time_limit_minutes=240,
        attempts_allowed=0,
    )
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=q, sort_order=i) for i, q in enumerate(questions)
    )
    learner = LearnerFactory(username="bench-learner")
    attempt = attempt_start(quiz=quiz, user=learner)
    client = signed_in(learner)

    report_times(
        "exam question page",
        time_get(client, f"/attempts/{attempt.pk}/page/50/"),
        "< 40 ms",
        "< 100 ms",
    )

    aq = attempt.questions.get(position=50)
    keys = [c["key"] for c in aq.choices]
    versions = count()

    def save():
        version = next(versions)
        response = client.post(
            f"/attempts/{attempt.pk}/autosave/",
            {
                "positions": ["50"],
                "q50-version": str(version),
                "q50-choice": [keys[version % len(keys)]],
            },
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 200 and response.json()["saved"] == [50], response

    report_times("exam answer save", time_calls(save, n=200, warmup=0), "< 30 ms", "< 100 ms")

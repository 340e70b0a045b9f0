"""Factories of the quiz engine's question bank and quizzes."""

from decimal import Decimal

import factory
from django.urls import reverse
from django.utils import timezone

from exams.models import (
    Attempt,
    AttemptQuestion,
    Choice,
    Question,
    QuestionCategory,
    Quiz,
    QuizDraw,
    QuizQuestion,
)
from exams.services.answers import AnswerInput, answers_save
from exams.services.attempts import attempt_start, attempt_submit
from exams.services.marking import essay_mark


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory
        django_get_or_create = ("parent", "name")

    name = factory.Sequence(lambda n: f"分类{n}")
    parent = None


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"第 {n} 题：售后工程师应当怎样做？")
    points = Decimal("1")
    explanation = factory.Sequence(lambda n: f"EXPLANATION-MARKER-{n}")

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        """``choices=[("text", True), …]`` or ``[("text", True, "English text"), …]``;
        defaults: four choices, the first right, without English."""
        if self.kind in (Question.Kind.ESSAY, Question.Kind.TRUE_FALSE):
            return
        if extracted is None:
            extracted = [(f"选项{i}-{self.pk}", i == 0) for i in range(4)]
            if self.kind == Question.Kind.MULTIPLE:
                extracted = [(f"选项{i}-{self.pk}", i < 2) for i in range(4)]
        for index, (text, correct, *english) in enumerate(extracted):
            Choice.objects.create(
                question=self,
                text=text,
                text_en=english[0] if english else "",
                is_correct=correct,
                sort_order=index,
            )


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测验 {n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    kind = Quiz.Kind.CERTIFICATION
    draft = False
    attempts_allowed = 2
    shuffle_choices = False
    review_score_immediately = True
    review_answers_immediately = False
    review_explanations_immediately = False

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        for index, question in enumerate(extracted or []):
            QuizQuestion.objects.create(quiz=self, question=question, sort_order=index)


def quiz_with(questions, **kwargs) -> Quiz:
    return QuizFactory(questions=questions, **kwargs)


def draw(quiz, category, count, tag=None, include_subcategories=True):
    return QuizDraw.objects.create(
        quiz=quiz,
        category=category,
        count=count,
        tag=tag,
        include_subcategories=include_subcategories,
        sort_order=quiz.draws.count(),
    )


def sit_exam(quiz, user, *, right: bool, marker=None):
    """An attempt at the exam with an essay; marked in full when a marker is given."""
    attempt = attempt_start(quiz=quiz, user=user)
    answers = [
        AnswerInput(aq.position, 0, keys=tuple(aq.correct if right else []))
        for aq in attempt.questions.exclude(kind=Question.Kind.ESSAY)
    ]
    essay = attempt.questions.get(kind=Question.Kind.ESSAY)
    answers.append(AnswerInput(essay.position, 0, essay="先查报警记录，再查线路。"))
    answers_save(attempt=attempt, answers=answers)
    attempt = attempt_submit(attempt=attempt)
    if marker is not None:
        attempt = essay_mark(answer=essay, marker=marker, points=essay.points, feedback="")
    return attempt


def graded_attempt(quiz, user, *, percent=90, number=1) -> Attempt:
    """An attempt of ``user`` at ``quiz`` already graded at ``percent`` (no questions)."""
    return Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=number,
        state=Attempt.State.GRADED,
        started_at=timezone.now(),
        max_score=10,
        percent=percent,
    )


def aq_at(attempt, position) -> AttemptQuestion:
    return attempt.questions.get(position=position)


def by_kind(attempt, kind) -> AttemptQuestion:
    return attempt.questions.get(kind=kind)


def answer(attempt, aq, keys=None, essay=None, flagged=None, version=None, now=None):
    return answers_save(
        attempt=attempt,
        answers=[
            AnswerInput(
                position=aq.position,
                version=aq.version if version is None else version,
                keys=keys,
                essay=essay,
                flagged=flagged,
            )
        ],
        now=now,
    )


def url(name, **kwargs) -> str:
    """The path of the exams page ``name``."""
    return reverse(f"exams:{name}", kwargs=kwargs)


def start(client, quiz) -> Attempt:
    """Start an attempt as the client's user would, through the quiz page's button."""
    response = client.post(url("quiz_start", slug=quiz.slug))
    assert response.status_code == 302, response
    return Attempt.objects.filter(quiz=quiz).latest("pk")

"""Reads of the quiz engine, for views, the API and the admin.

Who sees what:
- learners see published (non-draft) quizzes and only their own attempts;
- a trainer sees the quizzes they own or are listed on (``Quiz.trainers``): their results,
  item analysis and essays to mark; Administrators (and superusers) see every quiz.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from exams import item_analysis, rules, scoring
from exams.models import Attempt, AttemptQuestion, Question, Quiz
from lms import roles


def is_quiz_staff(user) -> bool:
    """Trainers and Administrators (who hold every role) work with quizzes' results."""
    return roles.has_role(user, roles.TRAINER)


def sees_every_quiz(user) -> bool:
    return user.is_superuser or roles.ADMINISTRATOR in _groups(user)


def _groups(user) -> set[str]:
    cached = getattr(user, "_exam_group_cache", None)
    if cached is None:
        cached = user._exam_group_cache = set(user.groups.values_list("name", flat=True))
    return cached


def visible_quizzes(user) -> QuerySet[Quiz]:
    """Quizzes whose results and essays the user may see (see the module docstring)."""
    if not user.is_authenticated or not is_quiz_staff(user):
        return Quiz.objects.none()
    if sees_every_quiz(user):
        return Quiz.objects.all()
    return Quiz.objects.filter(
        Q(owner=user) | Q(pk__in=Quiz.trainers.through.objects.filter(user=user).values("quiz"))
    )


def can_see_quiz(user, quiz: Quiz) -> bool:
    return visible_quizzes(user).filter(pk=quiz.pk).exists()


def published_quizzes() -> QuerySet[Quiz]:
    return Quiz.objects.filter(draft=False)


def quiz_is_closed(quiz: Quiz, now=None) -> bool:
    now = now or timezone.now()
    return quiz.close_at is not None and now >= quiz.close_at


def review_rights_for(quiz: Quiz, now=None) -> rules.ReviewRights:
    return rules.review_rights(
        quiz_closed=quiz_is_closed(quiz, now),
        score_immediately=quiz.review_score_immediately,
        answers_immediately=quiz.review_answers_immediately,
        explanations_immediately=quiz.review_explanations_immediately,
        score_after_close=quiz.review_score_after_close,
        answers_after_close=quiz.review_answers_after_close,
        explanations_after_close=quiz.review_explanations_after_close,
    )


# --- Grades ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    """A learner's result on a quiz under its grading method (``scoring.quiz_result``).

    ``pending_marking``: an attempt awaiting marking decides the result, so ``percent`` is None
    until it is marked. ``provisional``: ``percent`` is the best graded attempt so far and an
    attempt awaiting marking may raise it ("highest"). ``awaiting_marking``: the numbers of all
    submitted attempts awaiting marking, whether or not they can change the result.
    """

    percent: Decimal | None
    passed: bool | None
    graded_attempts: int
    pending_marking: bool
    attempts_used: int
    provisional: bool = False
    awaiting_marking: tuple[int, ...] = ()


FINISHED = (Attempt.State.SUBMITTED, Attempt.State.GRADED)


def grade_from_attempts(quiz: Quiz, attempts: list[Attempt]) -> Grade:
    finished = [
        (a.number, a.percent if a.state == Attempt.State.GRADED else None)
        for a in attempts
        if a.state in FINISHED
    ]
    result = scoring.quiz_result(method=quiz.grading_method, attempts=finished)
    return Grade(
        percent=result.percent,
        passed=scoring.has_passed(percent=result.percent, pass_mark=quiz.pass_mark),
        graded_attempts=sum(1 for a in attempts if a.state == Attempt.State.GRADED),
        pending_marking=result.pending,
        attempts_used=len(attempts),
        provisional=result.provisional,
        awaiting_marking=result.awaiting_marking,
    )


def learner_grade(quiz: Quiz, user) -> Grade:
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).only("number", "state", "percent"))
    return grade_from_attempts(quiz, attempts)


# --- Learner pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizRow:
    quiz: Quiz
    grade: Grade
    in_progress: Attempt | None


def learner_quiz_rows(user, *, kind: str | None = None) -> list[QuizRow]:
    """Published quizzes with the learner's grade and attempt in progress. Two queries."""
    quizzes = list(published_quizzes().filter(**({"kind": kind} if kind else {})))
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(user=user, quiz__in=quizzes).only(
        "quiz_id", "number", "state", "percent", "deadline", "cutoff_at"
    ):
        attempts[attempt.quiz_id].append(attempt)
    rows = []
    for quiz in quizzes:
        mine = attempts[quiz.pk]
        current = next((a for a in mine if a.state == Attempt.State.IN_PROGRESS), None)
        rows.append(QuizRow(quiz=quiz, grade=grade_from_attempts(quiz, mine), in_progress=current))
    return rows


def quiz_question_count(quiz: Quiz) -> int:
    """How many questions an attempt of the quiz will hold (fixed questions plus draws)."""
    fixed = quiz.fixed_questions.filter(question__active=True).count()
    drawn = sum(quiz.draws.values_list("count", flat=True))
    return fixed + drawn


def learner_attempts(quiz: Quiz, user) -> list[Attempt]:
    return list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))


def attempt_questions(attempt: Attempt, *, positions=None) -> list[AttemptQuestion]:
    """The attempt's questions (all, or those at ``positions``) in display order; one query."""
    rows = attempt.questions.order_by("position").defer("choice_refs")  # never shown
    if positions is not None:
        rows = rows.filter(position__in=list(positions))
    return list(rows)


def attempt_navigation(attempt: Attempt) -> list[AttemptQuestion]:
    """Just what the question navigation needs (answered? flagged?) of every question."""
    return list(
        attempt.questions.order_by("position").only(
            "attempt_id", "position", "kind", "response", "essay", "flagged"
        )
    )


# --- Trainer pages ---------------------------------------------------------------------------


def quiz_attempts(quiz: Quiz) -> QuerySet[Attempt]:
    return (
        Attempt.objects.filter(quiz=quiz)
        .select_related("user")
        .order_by("user__employee_id", "user__username", "number")
    )


def learner_attempts_for_staff(viewer, learner) -> QuerySet[Attempt]:
    return (
        Attempt.objects.filter(user=learner, quiz__in=visible_quizzes(viewer))
        .select_related("quiz")
        .order_by("quiz__title", "number")
    )


def quiz_overview(viewer) -> QuerySet[Quiz]:
    """Visible quizzes with their attempt counts and essays waiting for marking."""
    return visible_quizzes(viewer).annotate(
        attempt_count=Count("attempts", distinct=True),
        learner_count=Count("attempts__user", distinct=True),
        to_mark=Count(
            "attempts__questions",
            filter=Q(
                attempts__state=Attempt.State.SUBMITTED,
                attempts__questions__kind=Question.Kind.ESSAY,
                attempts__questions__marked_at__isnull=True,
            ),
            distinct=True,
        ),
    )


def marking_queue(viewer, *, show_marked: bool = False) -> QuerySet[AttemptQuestion]:
    """Essay answers of submitted attempts on quizzes the viewer may see; unmarked first."""
    answers = AttemptQuestion.objects.filter(
        kind=Question.Kind.ESSAY,
        attempt__quiz__in=visible_quizzes(viewer),
        attempt__state__in=[Attempt.State.SUBMITTED, Attempt.State.GRADED],
    ).select_related("attempt__quiz", "attempt__user", "marked_by")
    if not show_marked:
        answers = answers.filter(marked_at__isnull=True)
    return answers.order_by(
        F("marked_at").asc(nulls_first=True), "attempt__submitted_at", "attempt_id", "position"
    ).defer("choices", "correct")


def essay_for_marker(viewer, pk: int) -> AttemptQuestion | None:
    return (
        AttemptQuestion.objects.filter(
            pk=pk,
            kind=Question.Kind.ESSAY,
            attempt__quiz__in=visible_quizzes(viewer),
            attempt__state__in=[Attempt.State.SUBMITTED, Attempt.State.GRADED],
        )
        .select_related("attempt__quiz", "attempt__user", "marked_by")
        .first()
    )


def pending_marking_count(viewer) -> int:
    return marking_queue(viewer).count()


# --- Item analysis ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionAnalysis:
    question_ref: int
    position_label: str
    text: str
    kind: str
    category_name: str
    stats: item_analysis.ItemStats
    choices: list[tuple[str, int, bool]]  # (choice text, times picked, is right)


@dataclass(frozen=True)
class Analysis:
    exam: item_analysis.ExamStats
    questions: list[QuestionAnalysis]
    first_attempts_only: bool
    histogram_bars: list[dict]
    position_bias: item_analysis.PositionBias


def analysis_attempts(quiz: Quiz, *, first_only: bool) -> QuerySet[Attempt]:
    attempts = Attempt.objects.filter(quiz=quiz, state=Attempt.State.GRADED)
    if first_only:
        attempts = attempts.filter(number=1)
    return attempts


def quiz_question_pool(quiz: Quiz) -> QuerySet[Question]:
    """Active bank questions an attempt of the quiz may hold: its fixed questions and every
    question one of its draws may pick. One query for the draws; the result is one query."""
    pool = Q(pk__in=quiz.fixed_questions.values("question_id"))
    for draw in quiz.draws.select_related("category"):
        if draw.include_subcategories:
            drawn = Question.objects.filter(category__tree_path__startswith=draw.category.tree_path)
        else:
            drawn = Question.objects.filter(category_id=draw.category_id)
        if draw.tag_id:
            drawn = drawn.filter(tags=draw.tag_id)
        pool |= Q(pk__in=drawn.values("pk"))
    return Question.objects.filter(pool, active=True)


def bank_position_bias(quiz: Quiz) -> item_analysis.PositionBias:
    """How often the quiz's choice questions have a right answer written first. 3 queries."""
    questions = (
        quiz_question_pool(quiz)
        .filter(kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE])
        .prefetch_related("choices")
    )
    return item_analysis.position_bias(
        [
            [c.is_correct for c in sorted(q.choices.all(), key=lambda c: (c.sort_order or 0, c.pk))]
            for q in questions
        ]
    )


def quiz_item_analysis(quiz: Quiz, *, first_only: bool = True) -> Analysis:
    """Item and test statistics over graded attempts (first attempts unless asked), and the
    bank's answer-position bias. 5 queries.

    Choice keys are random per attempt, so picks are counted per bank choice, through each
    snapshot's ``choice_refs`` (true/false keys are the same in every attempt).
    """
    attempts = {
        a.pk: a for a in analysis_attempts(quiz, first_only=first_only).only("pk", "percent")
    }
    rows = AttemptQuestion.objects.filter(attempt_id__in=list(attempts)).only(
        "attempt_id",
        "question_ref",
        "slot",
        "kind",
        "text",
        "category_name",
        "choices",
        "correct",
        "choice_refs",
        "response",
        "points",
        "score",
    )
    items = defaultdict(list)
    latest_text: dict[int, AttemptQuestion] = {}
    choice_texts: dict[int, dict[str, str]] = defaultdict(dict)
    right_keys: dict[int, set[str]] = defaultdict(set)
    for aq in rows:
        fraction = (aq.score or Decimal("0")) / aq.points if aq.points else Decimal("0")
        bank_choice = _bank_choice_of(aq)
        items[aq.attempt_id].append(
            item_analysis.ItemScore(
                question_ref=aq.question_ref,
                slot=aq.slot,
                fraction=fraction,
                points=aq.points,
                chosen=tuple(bank_choice(key) for key in aq.response or ()),
            )
        )
        latest_text[aq.question_ref] = aq
        for choice in aq.choices:
            choice_texts[aq.question_ref].setdefault(bank_choice(choice["key"]), choice["text"])
        right_keys[aq.question_ref].update(bank_choice(key) for key in aq.correct)
    scores = [
        item_analysis.AttemptScores(attempt_id=pk, percent=a.percent, items=tuple(items[pk]))
        for pk, a in attempts.items()
    ]
    stats = item_analysis.item_statistics(scores)
    exam = item_analysis.exam_statistics(scores)
    questions = []
    for index, ref in enumerate(sorted(stats, key=lambda r: latest_text[r].slot), start=1):
        aq = latest_text[ref]
        counts = stats[ref].choice_counts
        choices = [
            (_choice_label(aq.kind, key, text), counts.get(key, 0), key in right_keys[ref])
            for key, text in choice_texts[ref].items()
        ]
        questions.append(
            QuestionAnalysis(
                question_ref=ref,
                position_label=f"Q{index}",
                text=aq.text,
                kind=aq.kind,
                category_name=aq.category_name,
                stats=stats[ref],
                choices=choices,
            )
        )
    return Analysis(
        exam=exam,
        questions=questions,
        first_attempts_only=first_only,
        histogram_bars=histogram_bars(exam.histogram),
        position_bias=bank_position_bias(quiz),
    )


def _bank_choice_of(aq: AttemptQuestion):
    """Maps the attempt's choice keys to the same label in every attempt: the bank choice id
    (true/false keys map to themselves)."""
    refs = aq.choice_refs or {}
    return lambda key: str(refs.get(key, key))


def _choice_label(kind: str, key: str, text: str) -> str:
    if kind == Question.Kind.TRUE_FALSE:
        return gettext("True") if key == "true" else gettext("False")
    return text


def histogram_bars(counts: tuple[int, ...], *, width: int = 560, height: int = 200) -> list[dict]:
    """Geometry of the SVG histogram: one bar per 10-point band."""
    top = max(counts) if counts and max(counts) else 1
    slot = width / len(counts) if counts else width
    bars = []
    for index, count in enumerate(counts):
        bar_height = round(count / top * (height - 45), 1)
        bars.append(
            {
                "x": round(index * slot + 4, 1),
                "y": round(height - 20 - bar_height, 1),
                "width": round(slot - 8, 1),
                "height": bar_height,
                "count": count,
                "label": f"{index * 10}–{index * 10 + 10}",
                "label_x": round(index * slot + slot / 2, 1),
                "count_y": round(height - 24 - bar_height, 1),
            }
        )
    return bars

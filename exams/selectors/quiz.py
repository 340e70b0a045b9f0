"""Reads of the quiz engine, for views, the API and the admin.

Who sees what:
- learners see published (non-draft) quizzes and only their own attempts;
- a trainer sees the quizzes they own or are listed on (``Quiz.trainers``): their results,
  item analysis and essays to mark; Administrators (and superusers) see every quiz.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from exams import item_analysis, rules, scoring
from exams.models import Attempt, AttemptQuestion, Question, Quiz, QuizDraw, QuizQuestion
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


# --- Exposure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawSpec:
    """A random draw as plain values: from a saved ``QuizDraw`` or an admin form's row."""

    count: int
    category_id: int
    tree_path: str
    include_subcategories: bool
    tag_id: int | None
    label: str = ""

    @classmethod
    def of(cls, draw: QuizDraw) -> DrawSpec:
        return cls(
            count=draw.count,
            category_id=draw.category_id,
            tree_path=draw.category.tree_path,
            include_subcategories=draw.include_subcategories,
            tag_id=draw.tag_id,
            label=str(draw),
        )

    def reaches(self, *, category_id: int, tree_path: str, tag_ids: set[int]) -> bool:
        """Whether the draw can pick a question of this category with these tags."""
        if self.include_subcategories:
            in_category = tree_path.startswith(self.tree_path)
        else:
            in_category = category_id == self.category_id
        return in_category and (self.tag_id is None or self.tag_id in tag_ids)

    def category_filter(self) -> Q:
        if self.include_subcategories:
            return Q(category__tree_path__startswith=self.tree_path)
        return Q(category_id=self.category_id)


@dataclass(frozen=True)
class ExposingQuiz:
    quiz: Quiz
    count: int  # how many questions of the pool it shows the right answers of


@dataclass(frozen=True)
class Exposure:
    """An exam's pool and which of its questions other quizzes show the right answers of.

    ``pool``: active questions its fixed questions and draws can hold; ``exposed``: those some
    other quiz shows the right answers of before the exam closes; ``draw_pools``: for each
    draw (in order), the questions it reaches, fixed questions left out.
    """

    pool: frozenset[int]
    fixed: frozenset[int]
    exposed: frozenset[int]
    by_quiz: tuple[ExposingQuiz, ...]
    draws: tuple[DrawSpec, ...]
    draw_pools: tuple[frozenset[int], ...]

    def drawable(self, *, exclude_exposed: bool) -> frozenset[int]:
        """The questions an attempt may hold."""
        return self.pool - self.exposed if exclude_exposed else self.pool


@dataclass(frozen=True)
class Shortfall:
    """A draw (``index`` from 1; None for all draws together) the pool cannot fill."""

    index: int | None
    label: str
    needed: int
    available: int
    exposed: int


def excludes_exposed(quiz: Quiz) -> bool:
    """Certification exams leave exposed questions out unless their trainer allows them."""
    return quiz.is_certification and not quiz.allow_exposed_questions


EXPOSURE_FIELDS = (
    "title",
    "slug",
    "kind",
    "open_at",
    "close_at",
    "attempts_allowed",
    "review_score_immediately",
    "review_score_after_close",
    "review_answers_immediately",
    "review_answers_after_close",
)


def may_reveal_answers() -> Q:
    """Quizzes that may show right answers before some date: the database's first cut of
    ``rules.reveals_answers_before`` (answers, or a score per attempt when attempts repeat)."""
    repeatable = Q(attempts_allowed=0) | Q(attempts_allowed__gte=rules.SCORE_ORACLE_ATTEMPTS)
    return (
        Q(review_answers_immediately=True)
        | Q(review_answers_after_close=True, close_at__isnull=False)
        | (
            repeatable
            & (
                Q(review_score_immediately=True)
                | Q(review_score_after_close=True, close_at__isnull=False)
            )
        )
    )


def reveals_before(quiz: Quiz, until) -> bool:
    """Whether ``quiz`` (saved or not) shows right answers before ``until`` (decision 0201)."""
    return rules.reveals_answers_before(
        answers_immediately=quiz.review_answers_immediately,
        answers_after_close=quiz.review_answers_after_close,
        score_immediately=quiz.review_score_immediately,
        score_after_close=quiz.review_score_after_close,
        attempts_allowed=quiz.attempts_allowed,
        open_at=quiz.open_at,
        close_at=quiz.close_at,
        until=until,
    )


def exposing_quizzes(*, quiz_pk: int | None, close_at) -> list[Quiz]:
    """Quizzes other than ``quiz_pk`` that show right answers before ``close_at``. One query.

    Drafts count: they may be published, or were published, and their answers seen.
    """
    candidates = Quiz.objects.filter(may_reveal_answers()).only(*EXPOSURE_FIELDS)
    if quiz_pk is not None:
        candidates = candidates.exclude(pk=quiz_pk)
    return [quiz for quiz in candidates.order_by("pk") if reveals_before(quiz, close_at)]


@dataclass(frozen=True)
class PoolSpec:
    """A quiz's questions as plain values (the admin form checks unsaved ones)."""

    quiz_pk: int | None
    close_at: datetime | None
    fixed_ids: tuple[int, ...]
    draws: tuple[DrawSpec, ...]


def _exposures(
    targets: list[PoolSpec], *, newcomer: tuple[Quiz, PoolSpec] | None = None
) -> list[tuple[Exposure, frozenset[int]]]:
    """The exposure of each target, and which of its questions quizzes other than
    ``newcomer`` expose. ``newcomer`` is a quiz with unsaved settings and questions: they
    replace its saved ones.

    Queries: one for the targets' pools, one for their tags, one for the exposing quizzes;
    two more (their fixed questions and draws) when some quiz exposes anything. Never one per
    target, quiz, draw or question: who can draw what is matched in Python.
    """
    reach = Q(pk__in=sorted({pk for target in targets for pk in target.fixed_ids}))
    for target in targets:
        for spec in target.draws:
            reach |= spec.category_filter()
    rows = list(
        Question.objects.filter(reach, active=True)
        .order_by()
        .values_list("pk", "category_id", "category__tree_path")
    )
    tags: dict[int, set[int]] = defaultdict(set)
    for question_id, tag_id in Question.tags.through.objects.filter(
        question_id__in=[pk for pk, _c, _p in rows]
    ).values_list("question_id", "questiontag_id"):
        tags[question_id].add(tag_id)

    def reached_by(spec: DrawSpec) -> frozenset[int]:
        return frozenset(
            pk
            for pk, category_id, tree_path in rows
            if spec.reaches(category_id=category_id, tree_path=tree_path, tag_ids=tags[pk])
        )

    def shows(quiz_pk: int | None, close_at) -> list[Quiz]:
        return [q for q in exposing if q.pk != quiz_pk and reveals_before(q, close_at)]

    candidates = Quiz.objects.filter(may_reveal_answers()).only(*EXPOSURE_FIELDS)
    if newcomer is not None and newcomer[0].pk is not None:
        candidates = candidates.exclude(pk=newcomer[0].pk)
    exposing = list(candidates.order_by("pk"))
    relevant = {q.pk for target in targets for q in shows(target.quiz_pk, target.close_at)}
    shown: dict[int, set[int]] = defaultdict(set)
    if relevant and rows:
        for quiz_id, question_id in QuizQuestion.objects.filter(
            quiz__in=sorted(relevant)
        ).values_list("quiz_id", "question_id"):
            shown[quiz_id].add(question_id)
        for draw in QuizDraw.objects.filter(quiz__in=sorted(relevant)).select_related(
            "category", "tag"
        ):
            shown[draw.quiz_id] |= reached_by(DrawSpec.of(draw))
    if newcomer is not None:
        new_quiz, new_questions = newcomer
        new_shown = set(new_questions.fixed_ids).union(
            *(reached_by(spec) for spec in new_questions.draws)
        )

    results = []
    for target in targets:
        fixed = frozenset(pk for pk, _c, _p in rows if pk in set(target.fixed_ids))
        draw_pools = tuple(reached_by(spec) - fixed for spec in target.draws)
        pool = fixed.union(*draw_pools)
        by_quiz, exposed = [], set()
        for other in shows(target.quiz_pk, target.close_at):
            hits = shown[other.pk] & pool
            if hits:
                by_quiz.append(ExposingQuiz(quiz=other, count=len(hits)))
                exposed |= hits
        by_others = frozenset(exposed)
        if newcomer is not None and reveals_before(new_quiz, target.close_at):
            hits = new_shown & pool
            if hits:
                by_quiz.append(ExposingQuiz(quiz=new_quiz, count=len(hits)))
                exposed |= hits
        exposure = Exposure(
            pool=pool,
            fixed=fixed,
            exposed=frozenset(exposed),
            by_quiz=tuple(by_quiz),
            draws=tuple(target.draws),
            draw_pools=draw_pools,
        )
        results.append((exposure, by_others))
    return results


def exposure_of(
    *, quiz_pk: int | None, close_at, fixed_ids: list[int], draws: list[DrawSpec]
) -> Exposure:
    """The exposure of an exam given as plain values (the admin form checks unsaved ones).

    Queries: one for the exposing quizzes, one for the pool and one for its tags; two more
    (their fixed questions and draws) when some quiz exposes anything. Never one per quiz,
    draw or question: who can draw what is matched in Python.
    """
    target = PoolSpec(
        quiz_pk=quiz_pk, close_at=close_at, fixed_ids=tuple(fixed_ids), draws=tuple(draws)
    )
    return _exposures([target])[0][0]


@dataclass(frozen=True)
class ExamExposure:
    """A published exam's exposure with a quiz's new settings (``after``) and without that
    quiz at all (``before``)."""

    exam: Quiz
    before: Exposure
    after: Exposure


def exams_exposed_by(quiz: Quiz, *, fixed_ids: list[int], draws: list[DrawSpec]) -> list:
    """The published certification exams (leaving exposed questions out) that ``quiz``, with
    these unsaved settings and questions, would show right answers of before they close.

    Queries: one for the exams, two for their questions, then ``_exposures``' five at most,
    however many exams and questions there are.
    """
    exams = [
        exam
        for exam in Quiz.objects.filter(
            kind=Quiz.Kind.CERTIFICATION, draft=False, allow_exposed_questions=False
        )
        .exclude(pk=quiz.pk)
        .order_by("title", "pk")
        if reveals_before(quiz, exam.close_at)
    ]
    if not exams:
        return []
    fixed: dict[int, list[int]] = defaultdict(list)
    for quiz_id, question_id in (
        QuizQuestion.objects.filter(quiz__in=exams)
        .order_by("sort_order", "pk")
        .values_list("quiz_id", "question_id")
    ):
        fixed[quiz_id].append(question_id)
    exam_draws: dict[int, list[DrawSpec]] = defaultdict(list)
    for draw in (
        QuizDraw.objects.filter(quiz__in=exams)
        .select_related("category", "tag")
        .order_by("sort_order", "pk")
    ):
        exam_draws[draw.quiz_id].append(DrawSpec.of(draw))
    targets = [
        PoolSpec(
            quiz_pk=exam.pk,
            close_at=exam.close_at,
            fixed_ids=tuple(fixed[exam.pk]),
            draws=tuple(exam_draws[exam.pk]),
        )
        for exam in exams
    ]
    newcomer = PoolSpec(
        quiz_pk=quiz.pk, close_at=quiz.close_at, fixed_ids=tuple(fixed_ids), draws=tuple(draws)
    )
    return [
        ExamExposure(
            exam=exam,
            before=replace(exposure, exposed=by_others),
            after=exposure,
        )
        for exam, (exposure, by_others) in zip(
            exams, _exposures(targets, newcomer=(quiz, newcomer)), strict=True
        )
    ]


def saved_questions(quiz: Quiz) -> tuple[list[int], list[DrawSpec]]:
    """A saved quiz's fixed question IDs and draws. Two queries."""
    fixed_ids = list(quiz.fixed_questions.values_list("question_id", flat=True))
    draws = [
        DrawSpec.of(draw)
        for draw in quiz.draws.select_related("category", "tag").order_by("sort_order", "pk")
    ]
    return fixed_ids, draws


def quiz_exposure(quiz: Quiz) -> Exposure:
    """The exposure of a saved quiz: ``exposure_of`` plus two queries for its own questions."""
    fixed_ids, draws = saved_questions(quiz)
    return exposure_of(quiz_pk=quiz.pk, close_at=quiz.close_at, fixed_ids=fixed_ids, draws=draws)


def pool_shortfalls(exposure: Exposure, *, exclude_exposed: bool) -> list[Shortfall]:
    """The draws the pool cannot fill: each on its own, then all together.

    Each draw needs ``count`` questions outside the fixed ones (and the exposed ones, when they
    are left out); all the draws together need as many different questions as they add up to.
    """
    left_out = exposure.exposed if exclude_exposed else frozenset()
    shortfalls = []
    for index, (spec, reached) in enumerate(
        zip(exposure.draws, exposure.draw_pools, strict=True), start=1
    ):
        available = reached - left_out
        if len(available) < spec.count:
            shortfalls.append(
                Shortfall(
                    index=index,
                    label=spec.label,
                    needed=spec.count,
                    available=len(available),
                    exposed=len(reached & left_out),
                )
            )
    if not shortfalls and len(exposure.draws) > 1:
        available = frozenset().union(*exposure.draw_pools) - left_out
        needed = sum(spec.count for spec in exposure.draws)
        if len(available) < needed:
            reached = frozenset().union(*exposure.draw_pools)
            shortfalls.append(
                Shortfall(
                    index=None,
                    label="",
                    needed=needed,
                    available=len(available),
                    exposed=len(reached & left_out),
                )
            )
    return shortfalls


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
    # Whether the quiz lets the learner see their score now (its review settings): when not,
    # lists say "Submitted", never "Passed" or "Not passed".
    score_shown: bool = True


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
        rows.append(
            QuizRow(
                quiz=quiz,
                grade=grade_from_attempts(quiz, mine),
                in_progress=current,
                score_shown=review_rights_for(quiz).score,
            )
        )
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

"""Exposure: which questions of an exam's pool other quizzes show the right answers of before
the exam closes, and whether its draws can still be filled (docs/decisions/0201).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Q

from exams import rules
from exams.models import Question, Quiz, QuizDraw, QuizQuestion


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
    reach = _Reach.of(targets)
    exposing = _exposing_candidates(newcomer)
    relevant = {q.pk for target in targets for q in _shows(exposing, target)}
    shown = _shown_questions(relevant, reach)
    new_shown = None
    if newcomer is not None:
        new_quiz, new_questions = newcomer
        new_shown = (
            new_quiz,
            set(new_questions.fixed_ids).union(
                *(reach.reached_by(spec) for spec in new_questions.draws)
            ),
        )
    return [
        _target_exposure(target, reach=reach, exposing=exposing, shown=shown, newcomer=new_shown)
        for target in targets
    ]


@dataclass(frozen=True)
class _Reach:
    """The active questions the targets' fixed questions and draws reach, with their tags."""

    rows: list[tuple[int, int, str]]  # (question id, category id, category tree path)
    tags: dict[int, set[int]]

    @classmethod
    def of(cls, targets: list[PoolSpec]) -> _Reach:
        """Two queries: the questions, then their tags."""
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
        return cls(rows=rows, tags=tags)

    def reached_by(self, spec: DrawSpec) -> frozenset[int]:
        return frozenset(
            pk
            for pk, category_id, tree_path in self.rows
            if spec.reaches(category_id=category_id, tree_path=tree_path, tag_ids=self.tags[pk])
        )


def _exposing_candidates(newcomer: tuple[Quiz, PoolSpec] | None) -> list[Quiz]:
    """Quizzes that may show right answers before some date, but the newcomer. One query."""
    candidates = Quiz.objects.filter(may_reveal_answers()).only(*EXPOSURE_FIELDS)
    if newcomer is not None and newcomer[0].pk is not None:
        candidates = candidates.exclude(pk=newcomer[0].pk)
    return list(candidates.order_by("pk"))


def _shows(exposing: list[Quiz], target: PoolSpec) -> list[Quiz]:
    """The quizzes, but the target itself, that show right answers before it closes."""
    return [q for q in exposing if q.pk != target.quiz_pk and reveals_before(q, target.close_at)]


def _shown_questions(quiz_ids: set[int], reach: _Reach) -> dict[int, set[int]]:
    """The reached questions each quiz of ``quiz_ids`` holds, fixed or drawn. Two queries, or
    none when there is no such quiz or question."""
    shown: dict[int, set[int]] = defaultdict(set)
    if quiz_ids and reach.rows:
        for quiz_id, question_id in QuizQuestion.objects.filter(
            quiz__in=sorted(quiz_ids)
        ).values_list("quiz_id", "question_id"):
            shown[quiz_id].add(question_id)
        for draw in QuizDraw.objects.filter(quiz__in=sorted(quiz_ids)).select_related(
            "category", "tag"
        ):
            shown[draw.quiz_id] |= reach.reached_by(DrawSpec.of(draw))
    return shown


def _target_exposure(
    target: PoolSpec,
    *,
    reach: _Reach,
    exposing: list[Quiz],
    shown: dict[int, set[int]],
    newcomer: tuple[Quiz, set[int]] | None,
) -> tuple[Exposure, frozenset[int]]:
    """One target's exposure, and the part of it quizzes other than the newcomer expose."""
    fixed = frozenset(pk for pk, _c, _p in reach.rows if pk in set(target.fixed_ids))
    draw_pools = tuple(reach.reached_by(spec) - fixed for spec in target.draws)
    pool = fixed.union(*draw_pools)
    by_quiz, exposed = [], set()
    for other in _shows(exposing, target):
        hits = shown[other.pk] & pool
        if hits:
            by_quiz.append(ExposingQuiz(quiz=other, count=len(hits)))
            exposed |= hits
    by_others = frozenset(exposed)
    if newcomer is not None and reveals_before(newcomer[0], target.close_at):
        hits = newcomer[1] & pool
        if hits:
            by_quiz.append(ExposingQuiz(quiz=newcomer[0], count=len(hits)))
            exposed |= hits
    exposure = Exposure(
        pool=pool,
        fixed=fixed,
        exposed=frozenset(exposed),
        by_quiz=tuple(by_quiz),
        draws=tuple(target.draws),
        draw_pools=draw_pools,
    )
    return exposure, by_others


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

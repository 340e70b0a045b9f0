"""Writes of the quiz engine: starting, submitting and closing attempts.

Every function that changes an attempt locks its row first (``select_for_update``) and re-reads
it, so a save, a submit, a cron run and a marker never interleave on one attempt. The rules of
time and state live in ``exams.rules``, the arithmetic in ``exams.scoring``; this module applies
them to the database. Answering is ``services.answers``, marking ``services.marking``.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exams import rules
from exams.models import Attempt, AttemptQuestion, Choice, Question, Quiz
from exams.selectors.accommodations import accommodation_for
from exams.selectors.attempts import learner_attempts
from exams.selectors.eligibility import missing_requirements
from exams.selectors.exposure import DrawSpec, excludes_exposed, exposure_of
from exams.services.marking import finish_if_marked, grade_choice_questions, notify_on_commit
from lms.bilingual import pair

ESSAY = Question.Kind.ESSAY
TRUE_FALSE_KEYS = ("true", "false")
CHOICE_KEY_BYTES = 12  # 96 random bits, 16 url-safe characters


class AttemptRefused(Exception):
    """A learner may not start (or continue) an attempt; ``message`` says why, for people.
    ``missing``: the requirements not met yet, when the reason is ``not_eligible``."""

    def __init__(self, reason: str, message, missing: tuple = ()):
        super().__init__(str(message))
        self.reason = reason
        self.message = message
        self.missing = missing


REFUSAL_MESSAGES = {
    "draft": _("This quiz is not published."),
    "not_open": _("This quiz is not open yet."),
    "closed": _("This quiz is closed."),
    "no_attempts_left": _("You have used all the attempts this quiz allows."),
    "not_eligible": _(
        "You cannot start this exam yet: first finish what it requires, listed on this page."
    ),
    "no_questions": _("This quiz has no questions yet. Please tell your trainer."),
    "bank_too_small": _(
        "This quiz cannot be started: its question bank has too few questions for a random "
        "draw. Please tell your trainer."
    ),
    "questions_exposed": _(
        "This exam cannot be started: another quiz shows the right answers of one of its "
        "questions. Please tell your trainer."
    ),
}


# --- Starting an attempt ---------------------------------------------------------------------


def new_choice_key(taken: set[str]) -> str:
    """A random key for one choice of one attempt, not yet in ``taken`` (which it joins).

    It says nothing about the bank choice, its place in the author's order or whether it is
    right (docs/decisions/0200-quiz-attempt-snapshot-and-sequence.md).
    """
    while True:
        key = secrets.token_urlsafe(CHOICE_KEY_BYTES)
        if key not in taken and key not in TRUE_FALSE_KEYS:
            taken.add(key)
            return key


def shuffles_choices(quiz: Quiz, question: Question) -> bool:
    """Certification exams always shuffle; a question may ask to keep its authored order."""
    return not question.keep_choice_order and (quiz.shuffle_choices or quiz.is_certification)


def _snapshot(
    question: Question,
    bank_choices: list[tuple],
    *,
    shuffle: bool,
    rng: random.Random,
    taken: set[str],
) -> dict:
    """The frozen copy of a question for one attempt: text, choice order, right answers.

    Both languages are frozen (``text``/``text_en``, each choice's ``text``/``text_en``, the
    explanation and the category path), so the attempt reads in the language of each page.

    ``bank_choices``: the question's choices as ``CHOICE_FIELDS`` rows, in the author's order.
    Each choice gets a fresh random key (unique in the attempt, through ``taken``); the bank
    choice's id stays on the server in ``choice_refs``.
    """
    refs: dict[str, int] = {}
    if question.kind == Question.Kind.TRUE_FALSE:
        choices = [{"key": key, "text": "", "text_en": ""} for key in TRUE_FALSE_KEYS]
        correct = ["true" if question.true_false_answer else "false"]
    elif question.kind == ESSAY:
        choices, correct = [], []
    else:
        bank_choices = list(bank_choices)
        if shuffle:
            rng.shuffle(bank_choices)
        keyed = [(new_choice_key(taken), c) for c in bank_choices]
        choices = [
            {"key": key, "text": text or "", "text_en": text_en or ""}
            for key, (_pk, text, text_en, _right) in keyed
        ]
        correct = [key for key, (_pk, _t, _e, right) in keyed if right]
        refs = {key: pk for key, (pk, _t, _e, _r) in keyed}
    return {
        "question_id": question.pk,
        "question_ref": question.pk,
        **pair(question.category, "full_name", key="category_name"),
        "kind": question.kind,
        **pair(question, "text"),
        "choices": choices,
        "correct": correct,
        "choice_refs": refs,
        "scoring": question.scoring,
        "points": question.points,
        **pair(question, "explanation"),
    }


def _category_filter(draw) -> dict:
    if draw.include_subcategories:
        return {"category__tree_path__startswith": draw.category.tree_path}
    return {"category_id": draw.category_id}


def _draw_candidates(draw, reached: tuple[frozenset[int], ...] | None, index: int) -> set[int]:
    """The active questions a draw reaches: from the exposure when it was worked out (the
    same rule: category, subcategories, tag), else one query."""
    if reached is not None:
        return set(reached[index])
    candidates = Question.objects.filter(active=True, **_category_filter(draw))
    if draw.tag_id:
        candidates = candidates.filter(tags=draw.tag_id)
    return set(candidates.values_list("pk", flat=True))


def draw_question_ids(
    *, quiz: Quiz, user, rng: random.Random, earlier_attempts: bool = True
) -> list[int]:
    """Question IDs of a new attempt in slot order: the fixed questions, then each draw.

    A certification exam leaves out exposed questions (whose right answers another quiz shows
    before it closes; ``selectors.exposure.exposure_of``) unless its trainer allowed them: a draw
    the rest cannot fill, or an exposed fixed question, refuses the start with a clear reason.
    Queries: one for the fixed questions, one for the learner's earlier questions, one per
    draw; an exam instead reads its draws' questions once, with the exposure's handful (the
    exposure already knows which questions each draw reaches).
    """
    chosen: list[int] = []
    fixed = quiz.fixed_questions.filter(question__active=True).order_by("sort_order", "pk")
    for question_id in fixed.values_list("question_id", flat=True):
        if question_id not in chosen:
            chosen.append(question_id)
    draws = list(quiz.draws.select_related("category", "tag").order_by("sort_order", "pk"))
    exposed: frozenset[int] = frozenset()
    reached: tuple[frozenset[int], ...] | None = None  # each draw's questions, when known
    if excludes_exposed(quiz):
        exposure = exposure_of(
            quiz_pk=quiz.pk,
            close_at=quiz.close_at,
            fixed_ids=chosen,
            draws=[DrawSpec.of(draw) for draw in draws],
        )
        exposed, reached = exposure.exposed, exposure.draw_pools
        if exposed.intersection(chosen):
            raise AttemptRefused("questions_exposed", REFUSAL_MESSAGES["questions_exposed"])
    seen: set[int] = set()
    if draws and quiz.prefer_unseen and earlier_attempts:
        seen = set(
            AttemptQuestion.objects.filter(attempt__quiz=quiz, attempt__user=user).values_list(
                "question_ref", flat=True
            )
        )
    for index, draw in enumerate(draws):
        pool = sorted(_draw_candidates(draw, reached, index) - set(chosen) - exposed)
        if len(pool) < draw.count:
            raise AttemptRefused("bank_too_small", REFUSAL_MESSAGES["bank_too_small"])
        unseen = [pk for pk in pool if pk not in seen]
        if len(unseen) >= draw.count:
            picked = rng.sample(unseen, draw.count)
        else:
            picked = unseen + rng.sample(
                [pk for pk in pool if pk in seen], draw.count - len(unseen)
            )
        chosen.extend(picked)
    return chosen


def attempt_start(*, quiz: Quiz, user, now=None, rng: random.Random | None = None) -> Attempt:
    """Resume the learner's attempt in progress, or start a new one with a frozen snapshot.

    Raises ``AttemptRefused`` (draft, not open yet, closed, no attempts left, requirements not
    met, bank too small). The learner's accommodations (``selectors.accommodations``) apply:
    their own open and close dates, extra attempts, and extra time in the deadline. Resuming an
    attempt in progress is never refused. Two clicks on "Start" create one attempt: the unique
    (quiz, user, number) constraint makes the second insert fail, and the attempt the first
    created is returned.
    """
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    attempts = learner_attempts(quiz, user)
    current = in_progress_among(attempts, now=now)
    if current is not None:
        return current
    allowance = accommodation_for(quiz=quiz, user=user).allowance
    _check_can_start(
        quiz=quiz, user=user, now=now, allowance=allowance, attempts_used=len(attempts)
    )
    ids = draw_question_ids(quiz=quiz, user=user, rng=rng, earlier_attempts=bool(attempts))
    if not ids:
        raise AttemptRefused("no_questions", REFUSAL_MESSAGES["no_questions"])
    snapshots = _snapshots(quiz, ids, rng)
    positions = list(range(1, len(snapshots) + 1))
    if quiz.shuffle_questions:
        rng.shuffle(positions)
    try:
        return _create_attempt(
            quiz=quiz,
            user=user,
            now=now,
            number=max((attempt.number for attempt in attempts), default=0) + 1,
            positions=positions,
            snapshots=snapshots,
            allowance=allowance,
        )
    except IntegrityError:
        current = in_progress_attempt(quiz=quiz, user=user, now=now)
        if current is None:
            raise
        return current


def start_check(
    *, quiz: Quiz, allowance: rules.Allowance, attempts_used: int, now
) -> rules.StartCheck:
    """``rules.can_start`` for one learner: their dates and attempts (``allowance``)."""
    open_at, close_at = allowance.window(open_at=quiz.open_at, close_at=quiz.close_at)
    return rules.can_start(
        draft=quiz.draft,
        open_at=open_at,
        close_at=close_at,
        attempts_allowed=allowance.attempts_allowed(quiz.attempts_allowed),
        attempts_used=attempts_used,
        now=now,
    )


def _check_can_start(
    *, quiz: Quiz, user, now, allowance: rules.Allowance, attempts_used: int
) -> None:
    """Raise ``AttemptRefused`` unless the learner, who has made ``attempts_used`` attempts,
    may start a new attempt now.

    The dates and attempts come first; then the requirements (``exam_requirements`` hooks),
    whose missing items the refusal carries."""
    if quiz.draft:
        raise AttemptRefused("draft", REFUSAL_MESSAGES["draft"])
    check = start_check(quiz=quiz, allowance=allowance, attempts_used=attempts_used, now=now)
    if not check.allowed:
        raise AttemptRefused(check.reason, REFUSAL_MESSAGES[check.reason])
    missing = missing_requirements(user=user, quiz=quiz)
    if missing:
        raise AttemptRefused("not_eligible", REFUSAL_MESSAGES["not_eligible"], tuple(missing))


# What a snapshot reads of a question and of its choices (``_snapshot``).
QUESTION_FIELDS = (
    "kind",
    "text",
    "text_en",
    "true_false_answer",
    "keep_choice_order",
    "scoring",
    "points",
    "explanation",
    "explanation_en",
    "category__full_name",
    "category__full_name_en",
)
CHOICE_FIELDS = ("pk", "text", "text_en", "is_correct")


def _snapshots(quiz: Quiz, ids: list[int], rng: random.Random) -> list[dict]:
    """The frozen copies of the questions ``ids``, in slot order; choice keys unique in all.

    Two queries: the questions with their categories, then every choice of them as plain
    rows (model instances of a few hundred choices cost more than the queries; decision 0903).
    """
    questions = Question.objects.select_related("category").only(*QUESTION_FIELDS).order_by()
    by_id = questions.in_bulk(ids)
    choices: dict[int, list[tuple]] = defaultdict(list)
    rows = Choice.objects.filter(question_id__in=ids).order_by()
    for question_id, _order, *row in sorted(
        rows.values_list("question_id", "sort_order", *CHOICE_FIELDS),
        key=lambda r: (r[0], r[1] or 0, r[2]),  # the author's order; no order yet counts as 0
    ):
        choices[question_id].append(tuple(row))
    taken: set[str] = set()
    return [
        _snapshot(
            by_id[pk],
            choices[pk],
            shuffle=shuffles_choices(quiz, by_id[pk]),
            rng=rng,
            taken=taken,
        )
        for pk in ids
    ]


def _create_attempt(
    *,
    quiz: Quiz,
    user,
    now,
    number: int,
    positions: list[int],
    snapshots: list[dict],
    allowance: rules.Allowance,
) -> Attempt:
    """Insert the attempt, its deadline fixed now (with the learner's extra time and close
    date), and its questions; one transaction."""
    _open_at, close_at = allowance.window(open_at=quiz.open_at, close_at=quiz.close_at)
    deadline = rules.attempt_deadline(
        started_at=now,
        time_limit_minutes=allowance.time_limit(quiz.time_limit_minutes),
        close_at=close_at,
    )
    with transaction.atomic():
        attempt = Attempt.objects.create(
            quiz=quiz,
            user=user,
            number=number,
            started_at=now,
            deadline=deadline,
            extra_minutes=allowance.extra_minutes,
            cutoff_at=rules.attempt_cutoff(deadline=deadline, grace_seconds=quiz.grace_seconds),
            max_score=sum((s["points"] for s in snapshots), Decimal("0")),
        )
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, slot=slot, position=position, **snapshot)
            for slot, (position, snapshot) in enumerate(
                zip(positions, snapshots, strict=True), start=1
            )
        )
    return attempt


def in_progress_attempt(*, quiz: Quiz, user, now=None) -> Attempt | None:
    """The learner's attempt in progress on this quiz, after closing it if it is overdue."""
    return in_progress_among(learner_attempts(quiz, user), now=now or timezone.now())


def in_progress_among(attempts: list[Attempt], *, now) -> Attempt | None:
    """The latest attempt in progress among ``attempts`` (a learner's attempts of one quiz),
    after closing it if it is overdue: then None, and the closed attempt in ``attempts`` is
    read again (submitted, graded)."""
    current = max(
        (attempt for attempt in attempts if attempt.state == Attempt.State.IN_PROGRESS),
        key=lambda attempt: attempt.number,
        default=None,
    )
    if current is not None and close_if_overdue(attempt=current, now=now):
        return None
    return current


# --- Submitting and closing -------------------------------------------------------------------


def attempt_submit(*, attempt: Attempt, now=None, auto: bool = False) -> Attempt:
    """Submit an attempt and grade what can be graded automatically.

    Idempotent: an attempt already submitted is returned as it is (submitting twice grades
    once). Essays answered wait for a trainer; the attempt is then "submitted" until marked.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz")
            .get(pk=attempt.pk)
        )
        if locked.state != Attempt.State.IN_PROGRESS:
            return locked
        rules.check_transition(locked.state, rules.SUBMITTED)
        locked.state = Attempt.State.SUBMITTED
        locked.submitted_at = now
        locked.auto_submitted = auto
        questions = grade_choice_questions(locked, now)
        finished = finish_if_marked(locked, questions, now)
        locked.save()
    if finished:
        notify_on_commit(locked, auto_graded=True)
    return locked


def close_if_overdue(*, attempt: Attempt, now=None) -> bool:
    """Submit the attempt if it is past its cutoff (re-read under a lock). True if it did."""
    now = now or timezone.now()
    if not rules.is_overdue(state=attempt.state, cutoff_at=attempt.cutoff_at, now=now):
        return False
    closed = close_attempt_by_id(attempt_id=attempt.pk, now=now)
    attempt.refresh_from_db()
    return closed


def close_overdue_attempts(*, now=None) -> int:
    """Submit every attempt past its cutoff; safe to run from cron at any interval.

    Each candidate is re-read under its row lock before it is submitted, so an attempt the
    learner submitted in the meantime is left alone. Returns how many it submitted.
    """
    now = now or timezone.now()
    candidates = Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, cutoff_at__lt=now
    ).values_list("pk", flat=True)
    closed = 0
    for pk in list(candidates):
        closed += close_attempt_by_id(attempt_id=pk, now=now)
    return closed


def close_attempt_by_id(*, attempt_id: int, now=None) -> bool:
    """Lock and re-read one attempt, then submit it if it is (still) overdue."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().filter(pk=attempt_id).first()
        if locked is None or not rules.is_overdue(
            state=locked.state, cutoff_at=locked.cutoff_at, now=now
        ):
            return False
        attempt_submit(attempt=locked, now=now, auto=True)
        return True

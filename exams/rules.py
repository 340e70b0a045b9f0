"""Time and state rules of an attempt: pure functions over datetimes and plain values.

The server's clock is the only clock. When an attempt starts, its deadline is fixed as the
earlier of "start + time limit" and the quiz's close date; the cutoff is the deadline plus the
quiz's grace period. Until the cutoff an answer is still accepted (a save in flight when the
countdown reaches zero is not lost); after it the attempt is submitted automatically, lazily on
the next request that touches it or by ``manage.py close_overdue_attempts``.

States: in progress → submitted → graded. An attempt with nothing left to mark goes from
submitted to graded at once; one with essays waits in "submitted" until the last is marked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
GRADED = "graded"
TRANSITIONS = {IN_PROGRESS: {SUBMITTED}, SUBMITTED: {GRADED}, GRADED: set()}


class TransitionError(ValueError):
    """An attempt was asked to move to a state it cannot reach from where it is."""


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, set()):
        raise TransitionError(f"an attempt cannot go from {current} to {target}")


def state_after_submit(*, unmarked_essays: int) -> str:
    return SUBMITTED if unmarked_essays else GRADED


def attempt_deadline(
    *, started_at: datetime, time_limit_minutes: int | None, close_at: datetime | None
) -> datetime | None:
    """When the attempt's time is up: the time limit or the close date, whichever is first."""
    candidates = []
    if time_limit_minutes:
        candidates.append(started_at + timedelta(minutes=time_limit_minutes))
    if close_at is not None:
        candidates.append(close_at)
    return min(candidates) if candidates else None


def attempt_cutoff(*, deadline: datetime | None, grace_seconds: int) -> datetime | None:
    """The last moment an answer is accepted; None when the attempt has no deadline."""
    return None if deadline is None else deadline + timedelta(seconds=grace_seconds)


def accepts_answers(*, state: str, cutoff_at: datetime | None, now: datetime) -> bool:
    return state == IN_PROGRESS and (cutoff_at is None or now <= cutoff_at)


def is_overdue(*, state: str, cutoff_at: datetime | None, now: datetime) -> bool:
    """True when an attempt still in progress is past its cutoff and must be auto-submitted."""
    return state == IN_PROGRESS and cutoff_at is not None and now > cutoff_at


def seconds_left(*, deadline: datetime | None, now: datetime) -> int | None:
    """Whole seconds until the deadline (never negative), for the display-only countdown."""
    if deadline is None:
        return None
    return max(0, int((deadline - now).total_seconds()))


@dataclass(frozen=True)
class StartCheck:
    allowed: bool
    reason: str = ""  # "draft", "not_open", "closed", "no_attempts_left"


def can_start(
    *,
    draft: bool,
    open_at: datetime | None,
    close_at: datetime | None,
    attempts_allowed: int,
    attempts_used: int,
    now: datetime,
) -> StartCheck:
    """Whether a new attempt may start now (``attempts_allowed`` 0 means unlimited)."""
    if draft:
        return StartCheck(False, "draft")
    if open_at is not None and now < open_at:
        return StartCheck(False, "not_open")
    if close_at is not None and now >= close_at:
        return StartCheck(False, "closed")
    if attempts_allowed and attempts_used >= attempts_allowed:
        return StartCheck(False, "no_attempts_left")
    return StartCheck(True)


# --- Accommodations: how grants for one person combine ---------------------------------------


@dataclass(frozen=True)
class Grant:
    """One accommodation row as plain values; ``None`` leaves that field as the exam has it."""

    personal: bool
    extra_minutes: int | None = None
    extra_percent: int | None = None
    extra_attempts: int | None = None
    open_at: datetime | None = None
    close_at: datetime | None = None

    def minutes(self, time_limit_minutes: int | None) -> int | None:
        """The extra minutes on an exam of this time limit: a percentage is rounded up to whole
        minutes (25 % of 45 minutes is 12); nothing on an exam without a time limit."""
        if not time_limit_minutes:
            return None
        if self.extra_minutes:
            return self.extra_minutes
        if self.extra_percent:
            return ceil(time_limit_minutes * self.extra_percent / 100)
        return None


@dataclass(frozen=True)
class Allowance:
    """What one person gets on one exam, all grants combined; ``None`` dates: the exam's own."""

    extra_minutes: int = 0
    extra_attempts: int = 0
    open_at: datetime | None = None
    close_at: datetime | None = None

    def window(self, *, open_at: datetime | None, close_at: datetime | None) -> tuple:
        """The (open, close) dates that hold for this person."""
        return (self.open_at or open_at, self.close_at or close_at)

    def attempts_allowed(self, attempts_allowed: int) -> int:
        """The exam's attempts plus the extra ones (0, unlimited, stays unlimited)."""
        return attempts_allowed + self.extra_attempts if attempts_allowed else 0

    def time_limit(self, time_limit_minutes: int | None) -> int | None:
        return time_limit_minutes + self.extra_minutes if time_limit_minutes else None


def _most_specific(grants: list[Grant], value: Callable, best: Callable):
    """The personal grants' best value of a field if any sets it, else the unit grants'."""
    for personal in (True, False):
        values = [value(g) for g in grants if g.personal is personal]
        values = [v for v in values if v is not None]
        if values:
            return best(values)
    return None


def combine_grants(grants: Iterable[Grant], *, time_limit_minutes: int | None) -> Allowance:
    """One person's allowance from the grants that reach them (their own and their units').

    Field by field, the most specific grant wins: a value a personal grant sets holds (the most
    generous of several personal ones); a field no personal grant sets takes the most generous
    value of the unit grants (most minutes, most attempts, earliest open, latest close); a
    field nobody sets stays as the exam has it (decision 0802).
    """
    grants = list(grants)
    return Allowance(
        extra_minutes=_most_specific(grants, lambda g: g.minutes(time_limit_minutes), max) or 0,
        extra_attempts=_most_specific(grants, lambda g: g.extra_attempts, max) or 0,
        open_at=_most_specific(grants, lambda g: g.open_at, min),
        close_at=_most_specific(grants, lambda g: g.close_at, max),
    )


@dataclass(frozen=True)
class ReviewRights:
    score: bool
    answers: bool
    explanations: bool


def review_rights(
    *,
    quiz_closed: bool,
    score_immediately: bool,
    answers_immediately: bool,
    explanations_immediately: bool,
    score_after_close: bool,
    answers_after_close: bool,
    explanations_after_close: bool,
) -> ReviewRights:
    """What a learner may see of a finished attempt: the "immediately" options apply from
    submission on; the "after close" options add to them once the quiz has closed."""
    if quiz_closed:
        return ReviewRights(
            score=score_immediately or score_after_close,
            answers=answers_immediately or answers_after_close,
            explanations=explanations_immediately or explanations_after_close,
        )
    return ReviewRights(
        score=score_immediately, answers=answers_immediately, explanations=explanations_immediately
    )


def reveals_answers_before(
    *,
    answers_immediately: bool,
    answers_after_close: bool,
    score_immediately: bool,
    score_after_close: bool,
    attempts_allowed: int,
    open_at: datetime | None,
    close_at: datetime | None,
    until: datetime | None,
) -> bool:
    """Whether a quiz shows learners its right answers before ``until`` (None: never ends).

    Used for exposure (docs/decisions/0201-quiz-visibility.md): a question whose answers
    another quiz shows before a certification exam closes is *exposed* for that exam. Answers
    shown "right after submitting" are out as soon as the quiz opens; answers shown "after the
    quiz closes" only once it closes, and never for a quiz without a close date. A score shown
    per attempt counts as answers when a learner can probe with it: unlimited attempts
    (``attempts_allowed`` 0) or at least ``SCORE_ORACLE_ATTEMPTS``; changing one answer between
    attempts tells which choice is right. Two attempts give one comparison, no more than the
    retake every certification exam offers, so a score shown then exposes nothing.
    """
    if until is not None and open_at is not None and open_at >= until:
        return False
    probing = score_probing(attempts_allowed)
    immediately = answers_immediately or (score_immediately and probing)
    after_close = answers_after_close or (score_after_close and probing)
    if immediately:
        return True
    if after_close and close_at is not None:
        return until is None or close_at < until
    return False


# A score shown per attempt exposes a quiz's questions from this many attempts on (0: unlimited).
SCORE_ORACLE_ATTEMPTS = 3


def score_probing(attempts_allowed: int) -> bool:
    """Whether enough attempts are allowed to find right answers from the scores alone."""
    return attempts_allowed == 0 or attempts_allowed >= SCORE_ORACLE_ATTEMPTS

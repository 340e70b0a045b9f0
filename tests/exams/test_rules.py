"""The state machine and the deadline rules (time limit × close date × grace)."""

from datetime import UTC, datetime, timedelta

import pytest

from exams import rules

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def test_states_move_forward_only():
    rules.check_transition(rules.IN_PROGRESS, rules.SUBMITTED)
    rules.check_transition(rules.SUBMITTED, rules.GRADED)
    for current, target in [
        (rules.IN_PROGRESS, rules.GRADED),
        (rules.SUBMITTED, rules.IN_PROGRESS),
        (rules.GRADED, rules.SUBMITTED),
        (rules.GRADED, rules.IN_PROGRESS),
        (rules.SUBMITTED, rules.SUBMITTED),
    ]:
        with pytest.raises(rules.TransitionError):
            rules.check_transition(current, target)


def test_an_attempt_with_essays_to_mark_waits_in_submitted():
    assert rules.state_after_submit(unmarked_essays=1) == rules.SUBMITTED
    assert rules.state_after_submit(unmarked_essays=0) == rules.GRADED


def test_deadline_is_the_time_limit_when_the_quiz_closes_later():
    deadline = rules.attempt_deadline(
        started_at=T0, time_limit_minutes=45, close_at=T0 + timedelta(days=1)
    )
    assert deadline == T0 + timedelta(minutes=45)


def test_deadline_is_the_close_date_when_it_comes_before_the_time_limit():
    close = T0 + timedelta(minutes=10)
    assert rules.attempt_deadline(started_at=T0, time_limit_minutes=45, close_at=close) == close


def test_no_time_limit_and_no_close_date_means_no_deadline():
    assert rules.attempt_deadline(started_at=T0, time_limit_minutes=None, close_at=None) is None
    assert rules.attempt_cutoff(deadline=None, grace_seconds=60) is None


def test_only_a_close_date():
    close = T0 + timedelta(hours=3)
    assert rules.attempt_deadline(started_at=T0, time_limit_minutes=None, close_at=close) == close


def test_answers_are_accepted_until_deadline_plus_grace_and_not_after():
    deadline = T0 + timedelta(minutes=45)
    cutoff = rules.attempt_cutoff(deadline=deadline, grace_seconds=60)
    assert cutoff == deadline + timedelta(seconds=60)
    at = lambda seconds: deadline + timedelta(seconds=seconds)  # noqa: E731
    assert rules.accepts_answers(state=rules.IN_PROGRESS, cutoff_at=cutoff, now=at(-1))
    assert rules.accepts_answers(state=rules.IN_PROGRESS, cutoff_at=cutoff, now=at(30))
    assert rules.accepts_answers(state=rules.IN_PROGRESS, cutoff_at=cutoff, now=at(60))
    assert not rules.accepts_answers(state=rules.IN_PROGRESS, cutoff_at=cutoff, now=at(61))
    assert not rules.accepts_answers(state=rules.SUBMITTED, cutoff_at=cutoff, now=at(-100))


def test_overdue_only_past_the_cutoff_and_only_in_progress():
    cutoff = T0 + timedelta(minutes=46)
    after = cutoff + timedelta(seconds=1)
    assert rules.is_overdue(state=rules.IN_PROGRESS, cutoff_at=cutoff, now=after)
    assert not rules.is_overdue(state=rules.IN_PROGRESS, cutoff_at=cutoff, now=cutoff)
    assert not rules.is_overdue(state=rules.SUBMITTED, cutoff_at=cutoff, now=after)
    assert not rules.is_overdue(state=rules.IN_PROGRESS, cutoff_at=None, now=after)


def test_an_attempt_resumed_the_next_day_is_overdue():
    deadline = rules.attempt_deadline(started_at=T0, time_limit_minutes=45, close_at=None)
    cutoff = rules.attempt_cutoff(deadline=deadline, grace_seconds=60)
    assert rules.is_overdue(state=rules.IN_PROGRESS, cutoff_at=cutoff, now=T0 + timedelta(days=1))
    assert rules.seconds_left(deadline=deadline, now=T0 + timedelta(days=1)) == 0


def test_seconds_left_counts_down_on_the_server_clock():
    deadline = T0 + timedelta(minutes=45)
    assert rules.seconds_left(deadline=deadline, now=T0) == 45 * 60
    assert rules.seconds_left(deadline=None, now=T0) is None


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"draft": True}, "draft"),
        ({"open_at": T0 + timedelta(seconds=1)}, "not_open"),
        ({"close_at": T0}, "closed"),
        ({"attempts_allowed": 2, "attempts_used": 2}, "no_attempts_left"),
    ],
)
def test_start_refusals(kwargs, reason):
    base = {
        "draft": False,
        "open_at": None,
        "close_at": None,
        "attempts_allowed": 0,
        "attempts_used": 5,
        "now": T0,
    }
    check = rules.can_start(**{**base, **kwargs})
    assert (check.allowed, check.reason) == (False, reason)


def test_start_allowed_inside_the_window_with_attempts_left():
    check = rules.can_start(
        draft=False,
        open_at=T0 - timedelta(days=1),
        close_at=T0 + timedelta(days=1),
        attempts_allowed=2,
        attempts_used=1,
        now=T0,
    )
    assert check.allowed


def test_review_options_immediately_and_after_close():
    options = {
        "score_immediately": True,
        "answers_immediately": False,
        "explanations_immediately": False,
        "score_after_close": True,
        "answers_after_close": True,
        "explanations_after_close": False,
    }
    before = rules.review_rights(quiz_closed=False, **options)
    after = rules.review_rights(quiz_closed=True, **options)
    assert (before.score, before.answers, before.explanations) == (True, False, False)
    assert (after.score, after.answers, after.explanations) == (True, True, False)


# --- Exposure: does a quiz show right answers before another one closes? ---------------------


def reveals(**kwargs):
    values = {
        "answers_immediately": False,
        "answers_after_close": False,
        "score_immediately": False,
        "score_after_close": False,
        "attempts_allowed": 1,
        "open_at": None,
        "close_at": None,
        "until": T0 + timedelta(days=30),
    }
    values.update(kwargs)
    return rules.reveals_answers_before(**values)


def test_answers_shown_right_after_submitting_are_revealed_before_any_exam_closes():
    assert reveals(answers_immediately=True)
    assert reveals(answers_immediately=True, until=None)


def test_answers_shown_after_the_quiz_closes_are_revealed_only_if_it_closes_first():
    assert reveals(answers_after_close=True, close_at=T0 + timedelta(days=10))
    assert not reveals(answers_after_close=True, close_at=T0 + timedelta(days=30))
    assert not reveals(answers_after_close=True, close_at=T0 + timedelta(days=31))
    # An exam that never closes: any quiz that closes at all shows its answers before.
    assert reveals(answers_after_close=True, close_at=T0 + timedelta(days=900), until=None)


def test_a_quiz_that_never_closes_or_never_shows_answers_reveals_nothing():
    assert not reveals(answers_after_close=True, close_at=None)
    assert not reveals(close_at=T0 + timedelta(days=1))


def test_a_quiz_opening_only_after_the_exam_closes_reveals_nothing_before():
    assert not reveals(answers_immediately=True, open_at=T0 + timedelta(days=30))
    assert reveals(answers_immediately=True, open_at=T0 + timedelta(days=29))


def test_a_score_shown_per_attempt_reveals_answers_when_attempts_repeat():
    # Change one answer between attempts and the score says which choice is right.
    assert reveals(score_immediately=True, attempts_allowed=0)
    assert reveals(score_immediately=True, attempts_allowed=3)
    assert reveals(score_after_close=True, attempts_allowed=3, close_at=T0 + timedelta(days=10))


def test_a_score_of_a_single_attempt_or_shown_after_the_exam_closes_reveals_nothing():
    assert not reveals(score_immediately=True, attempts_allowed=1)
    # Two attempts: one comparison, the retake a certification exam itself offers.
    assert not reveals(score_immediately=True, attempts_allowed=2)
    assert not reveals(score_after_close=True, attempts_allowed=0, close_at=T0 + timedelta(days=30))
    assert not reveals(score_after_close=True, attempts_allowed=0, close_at=None)
    assert not reveals(score_immediately=True, attempts_allowed=0, open_at=T0 + timedelta(days=30))

from decimal import Decimal

import pytest

from cases.scoring import (
    CriterionSpec,
    IndependentMark,
    LevelSpec,
    reconcile,
    score_rubric,
)

D = Decimal


def criterion(pk, points, *, critical=False, minimum=None, first_level_id=None):
    base = first_level_id if first_level_id is not None else pk * 10
    return CriterionSpec(
        id=pk,
        levels=tuple(LevelSpec(base + i, D(p)) for i, p in enumerate(points)),
        critical=critical,
        minimum_level=minimum,
    )


RUBRIC = [
    criterion(1, [0, 10, 15, 20]),
    criterion(2, [0, 12, 19, 25], critical=True, minimum=2),
    criterion(3, [0, 5, 8, 10]),
]  # 55 points possible


def test_score_is_points_earned_over_points_possible():
    result = score_rubric(RUBRIC, {1: 13, 2: 22, 3: 31})  # 20 + 19 + 5
    assert result.points_earned == D(44)
    assert result.points_possible == D(55)
    assert result.percent == D("80.00")
    assert result.complete and not result.critical_failures
    assert result.passed(D(60))


def test_a_lowest_level_worth_points_still_counts():
    """Unlike Moodle's normalisation, the lowest level is not rescaled to zero."""
    rubric = [criterion(1, [1, 2, 3, 4]), criterion(2, [1, 2, 3, 4])]
    result = score_rubric(rubric, {1: 10, 2: 20})
    assert result.percent == D("25.00")  # 2 / 8, not 0


def test_percent_rounds_half_up_to_two_places():
    rubric = [criterion(1, [0, 1, 2, 3])]
    assert score_rubric(rubric, {1: 11}).percent == D("33.33")
    assert score_rubric(rubric, {1: 12}).percent == D("66.67")


def test_critical_criterion_below_its_minimum_fails_whatever_the_total():
    result = score_rubric(RUBRIC, {1: 13, 2: 20, 3: 33})  # 20 + 0 + 10 = 30/55
    assert result.critical_failures == (2,)
    assert not result.passed(D(0))


def test_critical_criterion_at_its_minimum_passes():
    result = score_rubric(RUBRIC, {1: 13, 2: 21, 3: 33})  # level 2 of criterion 2
    assert result.critical_failures == ()
    assert result.percent == D("76.36")  # 42 / 55


def test_an_incomplete_mark_never_passes():
    result = score_rubric(RUBRIC, {1: 13, 2: 23})
    assert not result.complete
    assert result.percent == D("81.82")  # 45 / 55 so far
    assert not result.passed(D(0))


def test_unknown_level_is_an_error():
    with pytest.raises(KeyError):
        score_rubric(RUBRIC, {1: 999})


def test_levels_rank_by_points_not_by_entry_order():
    shuffled = CriterionSpec(
        id=1, levels=(LevelSpec(1, D(20)), LevelSpec(2, D(0)), LevelSpec(3, D(10)))
    )
    assert [shuffled.rank(i) for i in (2, 3, 1)] == [0, 1, 2]


@pytest.mark.parametrize(
    ("first", "second", "moderate", "final"),
    [
        ((D(70), True), (D(80), True), False, D("75.00")),  # exactly the tolerance: mean
        ((D(70), True), (D("80.01"), True), True, None),  # beyond the tolerance
        ((D(62), True), (D(58), False), True, None),  # close, but pass vs fail
        ((D(40), False), (D("45.5"), False), False, D("42.75")),
    ],
)
def test_reconcile_two_marks(first, second, moderate, final):
    outcome = reconcile(IndependentMark(*first), IndependentMark(*second), tolerance=D(10))
    assert outcome.needs_moderation is moderate
    assert outcome.final_percent == final
    if not moderate:
        assert outcome.passed is first[1]


def test_reconcile_says_why():
    outcome = reconcile(
        IndependentMark(D(90), True), IndependentMark(D(50), False), tolerance=D(10)
    )
    assert outcome.totals_differ and outcome.verdicts_differ
    assert outcome.difference == D(40)

"""Scoring is pure arithmetic over Decimals: partial credit, rounding, grading methods."""

from decimal import Decimal as D

import pytest

from exams import scoring


def score(kind, correct, chosen, points="1", mode=scoring.ALL_OR_NOTHING):
    return scoring.score_choice_answer(
        kind=kind, scoring=mode, points=D(points), correct=correct, chosen=chosen
    )


def test_single_choice_scores_full_points_only_for_the_right_choice():
    assert score("single", ["a"], ["a"], "2") == D("2.00")
    assert score("single", ["a"], ["b"], "2") == D("0.00")
    assert score("single", ["a"], [], "2") == D("0.00")
    assert score("single", ["a"], ["a", "b"], "2") == D("0.00")


def test_true_false_scores_like_a_single_choice():
    assert score("true_false", ["false"], ["false"]) == D("1.00")
    assert score("true_false", ["false"], ["true"]) == D("0.00")


def test_multiple_choice_all_or_nothing_needs_exactly_the_right_set():
    assert score("multiple", ["a", "b"], ["b", "a"], "3") == D("3.00")
    assert score("multiple", ["a", "b"], ["a"], "3") == D("0.00")
    assert score("multiple", ["a", "b"], ["a", "b", "c"], "3") == D("0.00")


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["a", "b", "c"], "3.00"),  # all three right: 3/3
        (["a", "b"], "2.00"),  # two of three right: 2/3 × 3
        (["a"], "1.00"),
        (["a", "b", "d"], "1.00"),  # 2/3 − 1/3 = 1/3
        (["a", "d", "e"], "0.00"),  # 1/3 − 2/3 < 0 → floor 0
        (["d"], "0.00"),
        ([], "0.00"),
        (["a", "b", "c", "d", "e"], "1.00"),  # every box ticked: 3/3 − 2/3
    ],
)
def test_multiple_choice_partial_credit_plus_and_minus_one_over_k(chosen, expected):
    assert score("multiple", ["a", "b", "c"], chosen, "3", scoring.PARTIAL) == D(expected)


def test_partial_credit_rounds_half_up_to_cents():
    # k = 3, one right of three on a 1-point question: 0.333… → 0.33; two: 0.666… → 0.67
    assert score("multiple", ["a", "b", "c"], ["a"], "1", scoring.PARTIAL) == D("0.33")
    assert score("multiple", ["a", "b", "c"], ["a", "b"], "1", scoring.PARTIAL) == D("0.67")


def test_essays_are_not_scored_automatically():
    with pytest.raises(ValueError):
        score("essay", [], [])


def test_essay_points_must_lie_between_zero_and_the_questions_points():
    assert scoring.check_essay_points(awarded=D("7.5"), points=D("10")) == D("7.50")
    assert scoring.check_essay_points(awarded=D("0"), points=D("10")) == D("0.00")
    for bad in ("-1", "10.01"):
        with pytest.raises(ValueError):
            scoring.check_essay_points(awarded=D(bad), points=D("10"))


def test_attempt_total_waits_for_every_mark():
    assert scoring.attempt_total([D("1"), D("2.5")]) == D("3.50")
    assert scoring.attempt_total([D("1"), None]) is None
    assert scoring.attempt_total([]) == D("0.00")


def test_percent_of_the_maximum():
    assert scoring.percent(D("7"), D("9")) == D("77.78")
    assert scoring.percent(D("0"), D("0")) == D("0")


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (scoring.HIGHEST, D("80")),
        (scoring.FIRST, D("50")),
        (scoring.LAST, D("65")),
        (scoring.AVERAGE, D("65.00")),
    ],
)
def test_grading_methods(method, expected):
    assert scoring.quiz_grade(method=method, percents=[D("50"), D("80"), D("65")]) == expected


def test_average_rounds_to_cents_and_no_attempt_means_no_grade():
    assert scoring.quiz_grade(method=scoring.AVERAGE, percents=[D("50"), D("60"), D("61")]) == D(
        "57.00"
    )
    assert scoring.quiz_grade(method=scoring.AVERAGE, percents=[D("1"), D("2"), D("2")]) == D(
        "1.67"
    )
    assert scoring.quiz_grade(method=scoring.HIGHEST, percents=[]) is None
    with pytest.raises(ValueError):
        scoring.quiz_grade(method="median", percents=[D("1")])


# Retakes: (attempt number, percent) of finished attempts; None while awaiting marking.
NONE_PENDING = [(1, D("50")), (2, D("80")), (3, D("65"))]
LATER_PENDING = [(1, D("70")), (2, None)]
FIRST_PENDING = [(1, None), (2, D("80"))]


@pytest.mark.parametrize(
    ("method", "attempts", "expected"),
    [
        # No attempt awaits marking: the plain grading methods, final.
        (scoring.HIGHEST, NONE_PENDING, (D("80"), False, False, ())),
        (scoring.FIRST, NONE_PENDING, (D("50"), False, False, ())),
        (scoring.LAST, NONE_PENDING, (D("65"), False, False, ())),
        (scoring.AVERAGE, NONE_PENDING, (D("65.00"), False, False, ())),
        # A later attempt awaits marking. Highest: the best graded is a lower bound.
        (scoring.HIGHEST, LATER_PENDING, (D("70"), False, True, (2,))),
        # First: later attempts never count, the result is final.
        (scoring.FIRST, LATER_PENDING, (D("70"), False, False, (2,))),
        # Last and average: the unmarked attempt decides, the result is pending.
        (scoring.LAST, LATER_PENDING, (None, True, False, (2,))),
        (scoring.AVERAGE, LATER_PENDING, (None, True, False, (2,))),
        # The first attempt awaits marking.
        (scoring.HIGHEST, FIRST_PENDING, (D("80"), False, True, (1,))),
        (scoring.FIRST, FIRST_PENDING, (None, True, False, (1,))),
        # The last finished attempt is graded: an earlier one cannot change "last".
        (scoring.LAST, FIRST_PENDING, (D("80"), False, False, (1,))),
        (scoring.AVERAGE, FIRST_PENDING, (None, True, False, (1,))),
    ],
)
def test_quiz_result_with_attempts_awaiting_marking(method, attempts, expected):
    result = scoring.quiz_result(method=method, attempts=attempts)
    assert (result.percent, result.pending, result.provisional, result.awaiting_marking) == (
        expected
    )


@pytest.mark.parametrize("method", scoring.GRADING_METHODS)
def test_quiz_result_with_only_unmarked_attempts_is_pending(method):
    result = scoring.quiz_result(method=method, attempts=[(1, None), (2, None)])
    assert (result.percent, result.pending, result.provisional) == (None, True, False)
    assert result.awaiting_marking == (1, 2)
    empty = scoring.quiz_result(method=method, attempts=[])
    assert (empty.percent, empty.pending, empty.provisional, empty.awaiting_marking) == (
        None,
        False,
        False,
        (),
    )


def test_quiz_result_takes_attempts_in_number_order():
    result = scoring.quiz_result(method=scoring.FIRST, attempts=[(2, D("90")), (1, D("40"))])
    assert result.percent == D("40")
    with pytest.raises(ValueError):
        scoring.quiz_result(method="median", attempts=[(1, D("1"))])


def test_pass_mark_is_inclusive():
    assert scoring.has_passed(percent=D("60"), pass_mark=D("60")) is True
    assert scoring.has_passed(percent=D("59.99"), pass_mark=D("60")) is False
    assert scoring.has_passed(percent=None, pass_mark=D("60")) is None


def test_scoring_imports_nothing_from_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(scoring))
    modules = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [m for m in modules if m and m.startswith("django")]


# --- Points by category and by question type (the result page's breakdown, issue 14) ----------


def test_points_by_group_add_up_per_group_in_first_seen_order():
    rows = scoring.points_by(
        [
            ("模块一", D("2"), D("2")),
            ("模块二", D("5"), D("5")),
            ("模块一", D("0"), D("3")),
            ("模块一", D("1.5"), D("3")),
        ]
    )
    # 模块一: 2 + 0 + 1.5 = 3.5 of 2 + 3 + 3 = 8 → 43.75 %; 模块二: 5 of 5 → 100 %.
    assert rows == [
        scoring.PointsRow("模块一", D("3.50"), D("8.00"), D("43.75")),
        scoring.PointsRow("模块二", D("5.00"), D("5.00"), D("100.00")),
    ]


def test_points_by_group_rounds_the_percent_half_up_and_survives_zero_points():
    # 1 of 3 → 33.333… → 33.33; 2 of 3 → 66.666… → 66.67; a group worth nothing → 0 %.
    assert [r.percent for r in scoring.points_by([("a", D(1), D(3))])] == [D("33.33")]
    assert [r.percent for r in scoring.points_by([("a", D(2), D(3))])] == [D("66.67")]
    assert scoring.points_by([("a", D(0), D(0))]) == [
        scoring.PointsRow("a", D("0.00"), D("0.00"), D("0.00"))
    ]
    assert scoring.points_by([]) == []


def test_points_by_group_refuses_an_unmarked_question():
    with pytest.raises(ValueError, match="marked"):
        scoring.points_by([("a", None, D(4))])

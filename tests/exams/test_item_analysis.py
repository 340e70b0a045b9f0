"""Item analysis statistics over plain values."""

from decimal import Decimal as D

from exams import item_analysis as ia


def attempt(pk, items):
    """items: (question_ref, slot, fraction, chosen) with 1 point each."""
    scored = tuple(
        ia.ItemScore(question_ref=q, slot=s, fraction=D(f), points=D("1"), chosen=tuple(c))
        for q, s, f, c in items
    )
    total = sum((i.fraction for i in scored), D("0"))
    return ia.AttemptScores(attempt_id=pk, percent=total * 100 / len(scored), items=scored)


ATTEMPTS = [
    attempt(1, [(10, 1, "1", "a"), (20, 2, "1", "x"), (30, 3, "1", "")]),
    attempt(2, [(10, 1, "1", "a"), (20, 2, "1", "x"), (30, 3, "0", "")]),
    attempt(3, [(10, 1, "1", "a"), (20, 2, "0", "y"), (30, 3, "0", "")]),
    attempt(4, [(10, 1, "0", "b"), (20, 2, "0", "y"), (30, 3, "0", "")]),
]


def test_facility_is_the_mean_share_of_points():
    stats = ia.item_statistics(ATTEMPTS)
    assert stats[10].facility == D("75.00")
    assert stats[20].facility == D("50.00")
    assert stats[30].facility == D("25.00")


def test_discrimination_is_positive_for_questions_the_strong_get_right():
    stats = ia.item_statistics(ATTEMPTS)
    assert stats[20].discrimination > 0
    assert stats[10].discrimination > 0


def test_discrimination_is_undefined_without_spread():
    same = [attempt(i, [(1, 1, "1", ""), (2, 2, str(i % 2), "")]) for i in range(4)]
    assert ia.item_statistics(same)[1].discrimination is None


def test_choice_frequencies():
    stats = ia.item_statistics(ATTEMPTS)
    assert stats[10].choice_counts == {"a": 3, "b": 1}
    assert stats[20].choice_counts == {"x": 2, "y": 2}


def test_mean_median_sd():
    values = [D("2"), D("4"), D("4"), D("4"), D("5"), D("5"), D("7"), D("9")]
    assert ia.mean(values) == D("5")
    assert ia.median(values) == D("4.5")
    assert ia.sd(values).quantize(D("0.0001")) == D("2.1381")  # sample SD
    assert ia.median([D("3"), D("1"), D("2")]) == D("2")
    assert ia.sd([D("1")]) is None


def test_cronbach_alpha_of_a_known_matrix():
    # Guttman-like 0/1 responses of 4 people on 3 items; alpha by hand:
    # item variances 0.25, 1/3, 0.25 → sum 0.8333; total scores 3, 2, 1, 0 → variance 1.6667
    # alpha = 3/2 × (1 − 0.8333/1.6667) = 0.75
    matrix = [[D(1), D(1), D(1)], [D(1), D(1), D(0)], [D(1), D(0), D(0)], [D(0), D(0), D(0)]]
    assert ia.cronbach_alpha(matrix).quantize(D("0.001")) == D("0.750")
    assert ia.cronbach_alpha(matrix[:1]) is None


def test_exam_statistics_uses_slots_so_random_draws_still_have_items():
    drawn = [
        attempt(1, [(10, 1, "1", ""), (21, 2, "1", ""), (30, 3, "1", "")]),
        attempt(2, [(10, 1, "1", ""), (22, 2, "1", ""), (30, 3, "0", "")]),
        attempt(3, [(10, 1, "1", ""), (23, 2, "0", ""), (30, 3, "0", "")]),
        attempt(4, [(10, 1, "0", ""), (21, 2, "0", ""), (30, 3, "0", "")]),
    ]
    stats = ia.exam_statistics(drawn)
    assert stats.alpha == D("0.750")
    assert stats.attempts == 4
    assert stats.mean == D("50.00")
    assert stats.median == D("50.00")


def test_histogram_puts_100_in_the_last_band():
    assert ia.histogram([D("0"), D("9.99"), D("10"), D("59.5"), D("100")]) == (
        2,
        1,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        1,
    )


def test_no_attempts_no_figures():
    stats = ia.exam_statistics([])
    assert (stats.mean, stats.median, stats.sd, stats.alpha) == (None, None, None, None)
    assert stats.histogram == (0,) * 10


def test_position_bias_is_the_share_of_questions_whose_first_written_choice_is_right():
    bias = ia.position_bias(
        [
            (True, False, False, False),  # right first
            (False, True, False, False),
            (True, False, False, False),  # right first
            (False, True, True, False),  # multiple choice, 2 of 4 right
        ]
    )
    assert (bias.questions, bias.right_first) == (4, 2)
    assert bias.share == D("50.00")
    # By chance a right answer is first with probability right/choices: (¼ + ¼ + ¼ + ½) / 4.
    assert bias.expected == D("31.25")


def test_position_bias_of_no_choice_question_is_undefined():
    bias = ia.position_bias([])
    assert (bias.questions, bias.right_first, bias.share, bias.expected) == (0, 0, None, None)

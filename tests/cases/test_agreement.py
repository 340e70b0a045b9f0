from decimal import Decimal

from cases import agreement
from cases.agreement import DoubleMark

D = Decimal

# Ten ratings by two graders on a three-level scale (0, 1, 2):
#            B=0  B=1  B=2   row
#   A=0       2    1    0     3
#   A=1       1    2    1     4
#   A=2       0    1    2     3
#   col       3    4    3    N=10
# Quadratic weights w = (i - j)² / (K - 1)² = (i - j)² / 4.
# Observed weighted disagreement: four ratings one level apart × ¼ = 1.
# Expected counts E = row × col / N: E01 = E10 = E12 = E21 = 1.2, E02 = E20 = 0.9,
# so expected weighted disagreement = 4 × 1.2 × ¼ + 2 × 0.9 × 1 = 3.
# κ = 1 − 1 / 3 = 0.667.
PAIRS = [(0, 0), (0, 0), (1, 1), (1, 1), (2, 2), (2, 2), (0, 1), (1, 2), (2, 1), (1, 0)]


def test_quadratic_weighted_kappa_matches_the_hand_computed_example():
    figure = agreement.quadratic_weighted_kappa(PAIRS, categories=3)
    assert figure.value == D("0.667")
    assert figure.n == 10


def test_kappa_is_one_for_perfect_agreement_and_undefined_without_spread():
    assert agreement.quadratic_weighted_kappa([(0, 0), (2, 2), (1, 1)], 3).value == D("1.000")
    # Both graders always choose the same single level: no disagreement is expected by chance.
    assert agreement.quadratic_weighted_kappa([(1, 1), (1, 1)], 3).value is None
    assert agreement.quadratic_weighted_kappa([], 3) == agreement.Figure(None, 0)


def test_kappa_is_negative_when_graders_systematically_disagree():
    assert agreement.quadratic_weighted_kappa([(0, 2), (2, 0)], 3).value < 0


def test_exact_and_adjacent_agreement():
    assert agreement.exact_agreement(PAIRS) == agreement.Figure(D("60.0"), 10)
    assert agreement.adjacent_agreement(PAIRS) == agreement.Figure(D("100.0"), 10)
    assert agreement.adjacent_agreement([(0, 2), (1, 1)]).value == D("50.0")


def test_mean_absolute_difference_of_totals():
    figure = agreement.mean_absolute_difference([(D(70), D(80)), (D(60), D(55))])
    assert figure == agreement.Figure(D("7.50"), 2)


def mark(report, a, b, ranks_a, ranks_b, total_a, total_b, final):
    return DoubleMark(
        report_id=report,
        grader_a=a,
        grader_b=b,
        ranks_a=tuple(ranks_a),
        ranks_b=tuple(ranks_b),
        total_a=D(total_a),
        total_b=D(total_b),
        final=None if final is None else D(final),
        categories=4,
    )


MARKS = [
    mark(1, 1, 2, [3, 2], [3, 1], 90, 80, 85),
    mark(2, 1, 2, [1, 1], [0, 1], 50, 40, 45),
    mark(3, 1, 3, [2, 2], [2, 3], 70, 90, 75),  # moderated: final is not the mean
    mark(4, 2, 3, [0, 0], [1, 1], 20, 40, None),  # waiting for moderation
]


def test_severity_is_mean_deviation_from_the_final_score_over_finalised_reports():
    severity = agreement.severity(MARKS)
    assert severity[1] == agreement.Figure(D("1.67"), 3)  # (+5 +5 −5) / 3
    assert severity[2] == agreement.Figure(D("-5.00"), 2)  # (−5 −5) / 2
    assert severity[3] == agreement.Figure(D("15.00"), 1)  # report 4 is not final


def test_summary_and_pairs_count_what_is_behind_each_figure():
    summary = agreement.summarise(MARKS)
    assert summary.reports == 4
    assert summary.exact.n == 8
    assert summary.exact.value == D("37.5")
    assert summary.mean_absolute_difference.value == D("15.00")
    pairs = agreement.by_pair(MARKS)
    assert list(pairs) == [(1, 2), (1, 3), (2, 3)]
    assert pairs[(1, 2)].reports == 2
    assert pairs[(1, 2)].exact == agreement.Figure(D("50.0"), 4)
    assert pairs[(2, 3)].exact.value == D("0.0")

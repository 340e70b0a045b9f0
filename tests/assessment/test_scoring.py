"""The formula against examples computed by hand (see docs/decisions/0400-...)."""

from decimal import Decimal as D

import pytest

from assessment import scoring
from assessment.scoring import Band, CaseInput, ExamInput, Inputs


def indicator(code, weight, worst, best, **kw):
    return scoring.Indicator(
        code=code, name=code, weight=D(weight), worst=D(worst), best=D(best), **kw
    )


def scheme(**overrides):
    values = {
        "exam_weight": D(30),
        "practice_weight": D(30),
        "on_the_job_weight": D(40),
        "exams": ("final",),
        "practice_cases": ("c1", "c2"),
        "dimensions": (
            scoring.Dimension(
                "technical_ability",
                "技术能力",
                D(60),
                (
                    indicator("first_time_fix_rate", 50, 60, 95),
                    indicator("repeat_repair_rate", 50, 10, 0),  # lower is better
                ),
            ),
            scoring.Dimension(
                "service_attitude", "服务态度", D(40), (indicator("csat", 100, 3, 5),)
            ),
        ),
        "pass_mark": D(60),
        "grade_bands": (
            scoring.GradeBand("pass", D(60)),
            scoring.GradeBand("excellent", D(90)),
            scoring.GradeBand("good", D(80)),
        ),
        "exam_min": D(60),
        "practice_min": D(60),
        "dimension_min": D(50),
    }
    values.update(overrides)
    return scoring.Scheme(**values)


def inputs(exam="85", c1="80", c2="77", **metrics):
    values = {"first_time_fix_rate": "88", "repeat_repair_rate": "3", "csat": "4.6"}
    values.update(metrics)
    return Inputs(
        exams={"final": ExamInput(D(exam))} if exam is not None else {},
        practice_cases={"c1": CaseInput(D(c1)), "c2": CaseInput(D(c2))},
        metrics={k: D(v) for k, v in values.items() if v is not None},
    )


def test_a_full_example_by_hand():
    result = scoring.compute(scheme(), inputs())
    # first-time fix: (88 − 60) / (95 − 60) = 0.8 → 80
    # repeat repairs, lower is better: (3 − 10) / (0 − 10) = 0.7 → 70
    # technical ability = 0.5 × 80 + 0.5 × 70 = 75
    # satisfaction: (4.6 − 3) / (5 − 3) = 0.8 → 80; service attitude = 80
    # on the job = 0.6 × 75 + 0.4 × 80 = 77
    # exam 85; practice = (80 + 77) / 2 = 78.5
    # total = 0.3 × 85 + 0.3 × 78.5 + 0.4 × 77 = 25.5 + 23.55 + 30.8 = 79.85
    tech, service = result.dimensions
    assert [i.score for i in tech.indicators] == [D(80), D(70)]
    assert tech.score == D(75)
    assert service.score == D(80)
    assert result.component("on_the_job").score == D(77)
    assert result.component("exam").score == D(85)
    assert result.component("practice").score == D("78.5")
    assert result.total == D("79.85")
    assert result.status == scoring.CERTIFIED
    assert result.grade == "pass"  # 79.85 does not reach "good" (80)
    assert result.reasons == () and result.missing == ()


def test_contributions_add_up_to_each_parent():
    result = scoring.compute(scheme(), inputs())
    tech = result.dimensions[0]
    assert [i.contribution for i in tech.indicators] == [D(40), D(35)]
    assert tech.contribution == D(45)  # 0.6 × 75
    assert [c.contribution for c in result.components] == [D("25.5"), D("23.55"), D("30.8")]
    assert sum(c.contribution for c in result.components) == result.total


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("first_time_fix_rate", "99", D(100)),  # above best: clamped to 100
        ("first_time_fix_rate", "40", D(0)),  # below worst: clamped to 0
        ("first_time_fix_rate", "95", D(100)),
        ("first_time_fix_rate", "60", D(0)),
        ("repeat_repair_rate", "12", D(0)),  # lower is better, worse than worst
        ("repeat_repair_rate", "0", D(100)),
        ("repeat_repair_rate", "2.5", D(75)),  # (2.5 − 10) / (0 − 10) = 0.75
    ],
)
def test_indicator_scores_clamp_and_lower_is_better(code, value, expected):
    result = scoring.compute(scheme(), inputs(**{code: value}))
    scored = {i.code: i.score for i in result.indicators}
    assert scored[code] == expected


def test_bands_give_the_score_of_the_first_band_holding_the_value():
    complaints = indicator(
        "complaints",
        100,
        3,
        0,
        bands=(Band(D(100), max=D(0)), Band(D(60), max=D(1)), Band(D(30), max=D(2))),
    )
    assert scoring.indicator_score(complaints, D(0)) == (D(100), 0)
    assert scoring.indicator_score(complaints, D(1)) == (D(60), 1)
    assert scoring.indicator_score(complaints, D("1.5")) == (D(30), 2)
    # No band holds 5: the score is 0 (the linear formula is not used when bands are set).
    assert scoring.indicator_score(complaints, D(5)) == (D(0), None)


def test_a_band_with_both_bounds_is_inclusive():
    band = Band(D(50), min=D(2), max=D(4))
    assert band.holds(D(2)) and band.holds(D(4)) and not band.holds(D("4.01"))


def test_a_failed_gate_makes_it_not_certified_with_the_reason():
    result = scoring.compute(scheme(), inputs(exam="55"))
    # total = 0.3 × 55 + 23.55 + 30.8 = 70.85: above the pass mark, but the exam gate fails
    assert result.total == D("70.85")
    assert result.status == scoring.NOT_CERTIFIED
    assert result.grade == "pass"
    assert result.reasons == (scoring.Reason("exam_min", D(55), D(60)),)


def test_every_failed_condition_is_listed():
    # csat 3.8 → 40; service attitude 40 < 50; practice (50 + 52) / 2 = 51 < 60
    result = scoring.compute(scheme(), inputs(c1="50", c2="52", csat="3.8"))
    # on the job = 0.6 × 75 + 0.4 × 40 = 61; total = 25.5 + 15.3 + 24.4 = 65.2
    assert result.total == D("65.2")
    kinds = [(r.kind, r.code) for r in result.reasons]
    assert kinds == [("practice_min", ""), ("dimension_min", "service_attitude")]
    assert result.reasons[1].score == D(40)
    assert result.reasons[1].name == "服务态度"


def test_below_the_pass_mark():
    low = inputs(exam="40", c1="45", c2="45", first_time_fix_rate="60", csat="3")
    result = scoring.compute(scheme(exam_min=None, practice_min=None, dimension_min=None), low)
    # tech = 0.5 × 0 + 0.5 × 70 = 35; service 0; on the job = 21
    # total = 12 + 13.5 + 8.4 = 33.9
    assert result.total == D("33.9")
    assert result.status == scoring.NOT_CERTIFIED
    assert result.reasons == (scoring.Reason("pass_mark", D("33.9"), D(60)),)
    assert result.grade == scoring.FAIL_GRADE


def test_the_pass_mark_itself_passes():
    metrics_only = scheme(
        exam_weight=D(0),
        practice_weight=D(0),
        on_the_job_weight=D(100),
        exams=(),
        practice_cases=(),
        dimensions=(scoring.Dimension("d", "d", D(100), (indicator("x", 100, 0, 100),)),),
        dimension_min=None,
    )
    result = scoring.compute(metrics_only, Inputs({}, {}, {"x": D(60)}))
    assert (result.total, result.status, result.grade) == (D(60), scoring.CERTIFIED, "pass")
    result = scoring.compute(metrics_only, Inputs({}, {}, {"x": D("59.999")}))
    assert result.status == scoring.NOT_CERTIFIED
    # Rounded for display it shows 60.00, but the formula never rounds.
    assert scoring.display(result.total) == D("60.00")


def test_missing_inputs_make_it_incomplete_and_each_is_listed():
    data = inputs(first_time_fix_rate=None)
    data = Inputs(
        exams={"final": ExamInput(None, pending_marking=True)},
        practice_cases={"c1": CaseInput(D(80))},  # c2 never submitted
        metrics=data.metrics,
    )
    result = scoring.compute(scheme(), data)
    assert result.status == scoring.INCOMPLETE
    assert result.total is None and result.grade is None and result.reasons == ()
    assert [(m.kind, m.code, m.why) for m in result.missing] == [
        ("exam", "final", scoring.PENDING_MARKING),
        ("practice_case", "c2", scoring.NO_RESULT),
        ("indicator", "first_time_fix_rate", scoring.NO_VALUE),
    ]
    # What can be computed still is; what depends on a missing input is None.
    tech, service = result.dimensions
    assert tech.score is None and tech.indicators[1].score == D(70)
    assert service.score == D(80)
    assert result.component("on_the_job").score is None
    assert result.component("exam").score is None
    assert result.component("practice").score is None


def test_an_exam_waiting_for_marking_counts_as_missing_even_with_a_percent():
    data = inputs()
    data = Inputs(
        {"final": ExamInput(D(90), pending_marking=True)}, data.practice_cases, data.metrics
    )
    result = scoring.compute(scheme(), data)
    assert result.status == scoring.INCOMPLETE
    assert result.missing == (scoring.Missing("exam", "final", scoring.PENDING_MARKING),)


def test_a_provisional_exam_result_is_scored_and_names_the_attempts_awaiting_marking():
    """Under "highest" the best graded attempt is a lower bound: a retake awaiting marking can
    only raise it, so the scorecard stays computable (the figures of the full example)."""
    data = inputs()
    exam = ExamInput(D(85), provisional=True, awaiting_marking=(2,))
    result = scoring.compute(scheme(), Inputs({"final": exam}, data.practice_cases, data.metrics))
    assert result.status == scoring.CERTIFIED and result.total == D("79.85")
    assert result.missing == ()
    assert result.component("exam").parts == (scoring.PartResult("final", D(85), (2,)),)
    assert result.provisional_parts == (scoring.PartResult("final", D(85), (2,)),)


def test_an_attempt_awaiting_marking_that_cannot_change_the_result_is_not_noted():
    """Under "first" a later attempt never counts: the result is final, nothing to note."""
    data = inputs()
    exam = ExamInput(D(85), awaiting_marking=(2,))
    result = scoring.compute(scheme(), Inputs({"final": exam}, data.practice_cases, data.metrics))
    assert result == scoring.compute(scheme(), data)
    assert result.provisional_parts == ()


def test_an_ungraded_case_is_missing():
    data = inputs()
    cases = {"c1": CaseInput(D(80)), "c2": CaseInput(None, status="submitted")}
    result = scoring.compute(scheme(), Inputs(data.exams, cases, data.metrics))
    assert result.missing == (scoring.Missing("practice_case", "c2", scoring.NOT_GRADED),)


def test_several_exams_are_averaged():
    two = scheme(exams=("a", "b"))
    data = inputs()
    result = scoring.compute(
        two,
        Inputs({"a": ExamInput(D(70)), "b": ExamInput(D(91))}, data.practice_cases, data.metrics),
    )
    assert result.component("exam").score == D("80.5")


def test_a_metrics_only_program_needs_no_exam_or_case():
    metrics_only = scheme(
        exam_weight=D(0),
        practice_weight=D(0),
        on_the_job_weight=D(100),
        exams=(),
        practice_cases=(),
    )
    result = scoring.compute(metrics_only, Inputs({}, {}, inputs().metrics))
    assert result.status == scoring.CERTIFIED
    assert result.total == D(77)
    assert result.component("exam").score is None
    assert result.component("exam").contribution is None


def test_grade_is_the_highest_band_reached():
    bands = scheme().grade_bands
    assert scoring.grade_for(D(95), bands) == "excellent"
    assert scoring.grade_for(D(90), bands) == "excellent"
    assert scoring.grade_for(D("89.99"), bands) == "good"
    assert scoring.grade_for(D(80), bands) == "good"
    assert scoring.grade_for(D(60), bands) == "pass"
    assert scoring.grade_for(D("59.99"), bands) == "fail"
    assert scoring.grade_for(D(100), ()) == "fail"


def test_display_rounds_half_up_to_two_places():
    assert scoring.display(D("2.345")) == D("2.35")
    assert scoring.display(D("2.344999")) == D("2.34")
    assert scoring.display(D("-0.005")) == D("-0.01")
    assert scoring.display(D(1) / D(3) * 100) == D("33.33")
    assert scoring.display(None) is None


def test_repeating_decimals_are_kept_exact_until_display():
    thirds = scheme(
        exam_weight=D(0),
        practice_weight=D(0),
        on_the_job_weight=D(100),
        exams=(),
        practice_cases=(),
        dimensions=(scoring.Dimension("d", "d", D(100), (indicator("x", 100, 0, 3),)),),
        dimension_min=None,
    )
    result = scoring.compute(thirds, Inputs({}, {}, {"x": D(2)}))
    assert result.total != D("66.67")
    assert scoring.display(result.total) == D("66.67")


def test_feedback_picks_the_best_and_worst_two():
    four = scheme(
        dimensions=tuple(
            scoring.Dimension(code, code, D(25), (indicator(f"{code}_i", 100, 0, 100),))
            for code in ("a", "b", "c", "d")
        ),
        dimension_min=None,
    )
    values = {"a_i": "70", "b_i": "95", "c_i": "40", "d_i": "85"}
    data = Inputs(
        {"final": ExamInput(D(80))}, inputs().practice_cases, {k: D(v) for k, v in values.items()}
    )
    feedback = scoring.feedback(scoring.compute(four, data))
    assert [d.code for d in feedback.strong_dimensions] == ["b", "d"]
    assert [d.code for d in feedback.weak_dimensions] == ["c", "a"]
    assert [i.code for i in feedback.strong_indicators] == ["b_i", "d_i"]
    assert [i.code for i in feedback.weak_indicators] == ["c_i", "a_i"]


def test_suggestions_show_below_the_threshold():
    suggestive = scheme(
        dimensions=(
            scoring.Dimension(
                "d",
                "d",
                D(100),
                (
                    indicator("low", 50, 0, 100, suggestion="Practise more."),
                    indicator("high", 25, 0, 100, suggestion="Keep it up."),
                    indicator("edge", 25, 0, 100, suggestion="Edge.", suggestion_below=D(80)),
                ),
            ),
        ),
        dimension_min=None,
    )
    metrics = {"low": D(59), "high": D(60), "edge": D(79)}
    result = scoring.compute(suggestive, Inputs(inputs().exams, inputs().practice_cases, metrics))
    assert [i.code for i in scoring.feedback(result).suggestions] == ["low", "edge"]
